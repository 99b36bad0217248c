package dev.jvmgan.model;

/** {@code dcgan}: strided (de)convolutions, as in Radford et al. 2015; see {@link NetworkFactory} for the layers. */
public final class DcganArchitecture extends BuiltInArchitecture {
    public DcganArchitecture() {
        super(new Dcgan());
    }
}
