package dev.jvmgan.model;

import java.util.Set;

/**
 * Deprecated: implement {@link Architecture} with {@code roles()} returning {@link NetworkRole#GENERATOR}, and list
 * the class in {@code META-INF/services/dev.jvmgan.model.Architecture}.
 *
 * <p>Kept so that generators written for earlier versions, registered in
 * {@code META-INF/services/dev.jvmgan.model.GeneratorArchitecture}, still load unchanged; the registry logs a
 * warning for each.
 */
@Deprecated(since = "0.1.0", forRemoval = true)
public interface GeneratorArchitecture extends Architecture {

    @Override
    default Set<NetworkRole> roles() {
        return Set.of(NetworkRole.GENERATOR);
    }
}
