package dev.jvmgan.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * The architectures listed in a deprecated services file ({@code META-INF/services/dev.jvmgan.model.GeneratorArchitecture}
 * or {@code ...DiscriminatorArchitecture}), read by hand rather than by {@link java.util.ServiceLoader}, which would
 * refuse a class that has since moved to {@link Architecture} while an old line still lists it (in a plug-in's jar
 * or in a build directory that kept the old file). Any listed class that implements {@link Architecture} loads.
 */
final class LegacyServices {
    private LegacyServices() {
    }

    /** @throws IllegalStateException naming the file and the class when a listed class cannot be loaded */
    static List<Architecture> load(String service, ClassLoader loader) {
        String resource = "META-INF/services/" + service;
        List<Architecture> found = new ArrayList<>();
        try {
            Enumeration<URL> files = loader.getResources(resource);
            while (files.hasMoreElements()) {
                URL file = files.nextElement();
                for (String className : classNames(file)) {
                    found.add(instantiate(className, loader, resource + " (" + file + ")"));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
        }
        return found;
    }

    /** The services file format: one class name a line, {@code #} starts a comment. */
    private static List<String> classNames(URL file) throws IOException {
        List<String> names = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(file.openStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int comment = line.indexOf('#');
                String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static Architecture instantiate(String className, ClassLoader loader, String where) {
        String problem;
        try {
            Class<?> type = Class.forName(className, true, loader);
            if (Architecture.class.isAssignableFrom(type)) {
                return (Architecture) type.getDeclaredConstructor().newInstance();
            }
            problem = className + " does not implement " + Architecture.class.getName();
        } catch (ClassNotFoundException | LinkageError e) {
            problem = "no class " + className + " (" + e + ")";
        } catch (ReflectiveOperationException e) {
            problem = className + " needs a public no-argument constructor (" + e + ")";
        }
        throw new IllegalStateException("an architecture registered in " + where + " cannot be loaded: " + problem
                + "; fix that jar or take it off the classpath");
    }
}
