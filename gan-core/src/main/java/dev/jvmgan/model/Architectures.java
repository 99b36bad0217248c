package dev.jvmgan.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.nio.file.Path;

/**
 * Finds the architecture a config names, one path for all: a name registered through {@link ServiceLoader}
 * ({@code dcgan}, {@code mlp}, or a plug-in's), a fully qualified class name implementing
 * {@link GeneratorArchitecture} or {@link DiscriminatorArchitecture}, or a DL4J configuration file
 * ({@code .json}, {@code .yaml}, {@code .yml}, relative to the working directory).
 *
 * <p>Plug-ins are looked up through the thread's context class loader, so a jar on the classpath
 * ({@code GAN_CLASSPATH} for the {@code ./gan} launcher) is all a user needs.
 */
public final class Architectures {
    private Architectures() {
    }

    public static GeneratorArchitecture generator(String name) {
        return resolve(GeneratorArchitecture.class, NetworkRole.GENERATOR, name);
    }

    public static DiscriminatorArchitecture discriminator(String name) {
        return resolve(DiscriminatorArchitecture.class, NetworkRole.DISCRIMINATOR, name);
    }

    /** The registered names for a role, in discovery order (built-ins first). */
    public static List<String> names(NetworkRole role) {
        return new ArrayList<>(registered(type(role)).keySet());
    }

    /** Whether {@code name} is one of the toolkit's own (whose shapes are right by construction). */
    public static boolean isBuiltIn(NetworkRole role, String name) {
        Object found = registered(type(role)).get(name.toLowerCase(Locale.ROOT));
        return found instanceof BuiltInArchitecture;
    }

    static boolean isConfigFile(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".json") || lower.endsWith(".yaml") || lower.endsWith(".yml");
    }

    private static Class<?> type(NetworkRole role) {
        return role == NetworkRole.GENERATOR ? GeneratorArchitecture.class : DiscriminatorArchitecture.class;
    }

    private static <T> T resolve(Class<T> type, NetworkRole role, String name) {
        String key = role.key() + ".architecture";
        if (isConfigFile(name)) {
            return type.cast(new Dl4jConfigFileArchitecture(Path.of(name)));
        }
        Map<String, T> registered = registered(type);
        T found = registered.get(name.toLowerCase(Locale.ROOT));
        if (found != null) {
            return found;
        }
        if (name.contains(".")) {
            return instantiate(type, role, name, key);
        }
        throw new ArchitectureException(key, "unknown architecture '" + name + "'; known: "
                + String.join(", ", registered.keySet()) + " (or a class name implementing "
                + type.getSimpleName() + ", or a DL4J configuration file .json/.yaml)");
    }

    private static <T> T instantiate(Class<T> type, NetworkRole role, String className, String key) {
        Class<?> found;
        try {
            found = Class.forName(className, true, loader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ArchitectureException(key, "no class " + className + " on the classpath (add its jar with "
                    + "GAN_CLASSPATH=path/to.jar), and no registered architecture of that name");
        }
        if (!type.isAssignableFrom(found)) {
            throw new ArchitectureException(key, className + " does not implement " + type.getName()
                    + ", so it cannot be the " + role.label());
        }
        try {
            return type.cast(found.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new ArchitectureException(key, className + " needs a public no-argument constructor ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** By lower-case name: the built-ins first, then the plug-ins by name. */
    private static <T> Map<String, T> registered(Class<T> type) {
        List<T> found = new ArrayList<>();
        try {
            ServiceLoader.load(type, loader()).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("an architecture registered in META-INF/services/" + type.getName()
                    + " cannot be loaded: " + e.getMessage() + "; fix that jar or take it off the classpath", e);
        }
        found.sort(java.util.Comparator.comparing((T a) -> !(a instanceof BuiltInArchitecture))
                .thenComparing(a -> a instanceof BuiltInArchitecture ? "" : nameOf(a)));
        Map<String, T> byName = new LinkedHashMap<>();
        for (T architecture : found) {
            String name = nameOf(architecture);
            T previous = byName.putIfAbsent(name.toLowerCase(Locale.ROOT), architecture);
            if (previous != null && previous.getClass() != architecture.getClass()) {
                throw new IllegalStateException("two architectures are registered as '" + name + "': "
                        + previous.getClass().getName() + " and " + architecture.getClass().getName()
                        + "; rename one");
            }
        }
        return byName;
    }

    private static String nameOf(Object architecture) {
        return architecture instanceof GeneratorArchitecture g ? g.name()
                : ((DiscriminatorArchitecture) architecture).name();
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Architectures.class.getClassLoader();
    }
}
