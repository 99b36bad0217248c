package dev.jvmgan.model;

import java.util.Set;

/**
 * Deprecated: implement {@link Architecture} with {@code roles()} returning {@link NetworkRole#DISCRIMINATOR}, and
 * list the class in {@code META-INF/services/dev.jvmgan.model.Architecture}.
 *
 * <p>Kept so that discriminators written for earlier versions, registered in
 * {@code META-INF/services/dev.jvmgan.model.DiscriminatorArchitecture}, still load unchanged; the registry logs a
 * warning for each.
 */
@Deprecated(since = "0.1.0", forRemoval = true)
public interface DiscriminatorArchitecture extends Architecture {

    @Override
    default Set<NetworkRole> roles() {
        return Set.of(NetworkRole.DISCRIMINATOR);
    }
}
