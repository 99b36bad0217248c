package dev.jvmgan.model;

/** {@code mlp}: dense layers only, as in Goodfellow et al. 2014; see {@link NetworkFactory} for the layers. */
public final class MlpArchitecture extends BuiltInArchitecture {
    public MlpArchitecture() {
        super(new Mlp());
    }
}
