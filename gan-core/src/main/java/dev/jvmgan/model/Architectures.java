package dev.jvmgan.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the architecture a config names for a network, one path for all: a name registered through
 * {@link ServiceLoader} ({@code dcgan}, {@code mlp}, or a plug-in's), a fully qualified class name implementing
 * {@link Architecture}, or a DL4J configuration file ({@code .json}, {@code .yaml}, {@code .yml}, relative to the
 * working directory). A name is looked up among the architectures that build that network ({@link
 * Architecture#roles()}), so a generator and a discriminator may share one.
 *
 * <p>Plug-ins are looked up through the thread's context class loader, so a jar on the classpath
 * ({@code GAN_CLASSPATH} for the {@code ./gan} launcher) is all a user needs. Classes registered under the
 * deprecated {@code GeneratorArchitecture} and {@code DiscriminatorArchitecture} services files still load, with a
 * warning saying how to move them.
 */
public final class Architectures {
    private static final Logger log = LoggerFactory.getLogger(Architectures.class);
    /** The services files of the deprecated interfaces, read by hand: see {@link LegacyServices}. */
    private static final List<String> LEGACY_SERVICES = List.of("dev.jvmgan.model.GeneratorArchitecture",
            "dev.jvmgan.model.DiscriminatorArchitecture");
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private Architectures() {
    }

    /**
     * The architecture {@code name} names for the network of {@code role}.
     *
     * @throws ArchitectureException at {@code model.<network>.architecture}, saying what is known or wrong
     */
    public static Architecture find(NetworkRole role, String name) {
        String key = role.key() + ".architecture";
        if (isConfigFile(name)) {
            return new Dl4jConfigFileArchitecture(Path.of(name));
        }
        Map<String, Architecture> registered = registered(role);
        Architecture found = registered.get(name.toLowerCase(Locale.ROOT));
        if (found != null) {
            return found;
        }
        if (name.contains(".")) {
            return instantiate(role, name, key);
        }
        String otherRole = role == NetworkRole.GENERATOR ? "discriminator" : "generator";
        boolean forOther = registered(role == NetworkRole.GENERATOR ? NetworkRole.DISCRIMINATOR
                : NetworkRole.GENERATOR).containsKey(name.toLowerCase(Locale.ROOT));
        throw new ArchitectureException(key, (forOther
                ? "'" + name + "' builds a " + otherRole + ", not a " + role.label() + "; " + role.label() + "s"
                : "unknown architecture '" + name + "'; known") + ": " + String.join(", ", registered.keySet())
                + " (or a class name implementing " + Architecture.class.getName()
                + ", or a DL4J configuration file .json/.yaml)");
    }

    /** The registered names for a role, in discovery order (built-ins first). */
    public static List<String> names(NetworkRole role) {
        return new ArrayList<>(registered(role).keySet());
    }

    /** Whether {@code name} is one of the toolkit's own (whose shapes are right by construction). */
    public static boolean isBuiltIn(NetworkRole role, String name) {
        return registered(role).get(name.toLowerCase(Locale.ROOT)) instanceof BuiltInArchitecture;
    }

    static boolean isConfigFile(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".json") || lower.endsWith(".yaml") || lower.endsWith(".yml");
    }

    /**
     * The networks an architecture builds. A class of the deprecated interfaces says so by which it implements:
     * calling {@code roles()} on one that implements both would fail on their two defaults.
     */
    @SuppressWarnings("removal")
    static Set<NetworkRole> roles(Architecture architecture) {
        boolean generator = architecture instanceof GeneratorArchitecture;
        boolean discriminator = architecture instanceof DiscriminatorArchitecture;
        if (!generator && !discriminator) {
            return architecture.roles();
        }
        Set<NetworkRole> roles = EnumSet.noneOf(NetworkRole.class);
        if (generator) {
            roles.add(NetworkRole.GENERATOR);
        }
        if (discriminator) {
            roles.add(NetworkRole.DISCRIMINATOR);
        }
        return roles;
    }

    private static Architecture instantiate(NetworkRole role, String className, String key) {
        Class<?> found;
        try {
            found = Class.forName(className, true, loader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ArchitectureException(key, "no class " + className + " on the classpath (add its jar with "
                    + "GAN_CLASSPATH=path/to.jar), and no registered architecture of that name");
        }
        if (!Architecture.class.isAssignableFrom(found)) {
            throw new ArchitectureException(key, className + " does not implement " + Architecture.class.getName());
        }
        Architecture architecture;
        try {
            architecture = (Architecture) found.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new ArchitectureException(key, className + " needs a public no-argument constructor ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (!roles(architecture).contains(role)) {
            throw new ArchitectureException(key, className + " builds " + describe(roles(architecture))
                    + " (its roles()), so it cannot be the " + role.label());
        }
        return architecture;
    }

    private static String describe(Set<NetworkRole> roles) {
        return roles.isEmpty() ? "no network" : "only the " + String.join(" and ",
                roles.stream().map(NetworkRole::label).sorted().toList());
    }

    /** The architectures that build {@code role}, by lower-case name: the built-ins first, then the plug-ins by name. */
    private static Map<String, Architecture> registered(NetworkRole role) {
        List<Architecture> found = new ArrayList<>();
        try {
            ServiceLoader.load(Architecture.class, loader()).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("an architecture registered in META-INF/services/"
                    + Architecture.class.getName() + " cannot be loaded: " + e.getMessage()
                    + "; fix that jar or take it off the classpath", e);
        }
        Set<Class<?>> current = new HashSet<>();
        found.forEach(a -> current.add(a.getClass()));
        for (String service : LEGACY_SERVICES) {
            for (Architecture legacy : LegacyServices.load(service, loader())) {
                // A line left in an old file (or a stale build directory) for a class registered anew is moot.
                if (current.add(legacy.getClass())) {
                    found.add(legacy);
                    if (WARNED.add(legacy.getClass().getName())) {
                        log.warn("{} is registered in META-INF/services/{}, which is deprecated: implement {} (with "
                                + "roles()) and list the class in META-INF/services/{} instead",
                                legacy.getClass().getName(), service, Architecture.class.getName(),
                                Architecture.class.getName());
                    }
                }
            }
        }
        found.removeIf(a -> !roles(a).contains(role));
        found.sort(Comparator.comparing((Architecture a) -> !(a instanceof BuiltInArchitecture))
                .thenComparing(a -> a instanceof BuiltInArchitecture ? "" : a.name()));
        Map<String, Architecture> byName = new LinkedHashMap<>();
        for (Architecture architecture : found) {
            Architecture previous = byName.putIfAbsent(architecture.name().toLowerCase(Locale.ROOT), architecture);
            if (previous != null && previous.getClass() != architecture.getClass()) {
                throw new IllegalStateException("two " + role.label() + " architectures are registered as '"
                        + architecture.name() + "': " + previous.getClass().getName() + " and "
                        + architecture.getClass().getName() + "; rename one");
            }
        }
        return byName;
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Architectures.class.getClassLoader();
    }
}
