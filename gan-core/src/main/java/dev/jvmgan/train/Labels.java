package dev.jvmgan.train;

/**
 * The label convention, in one place: the discriminator outputs the logit of "this image is real".
 * (The old DL4J GAN example commented real=1 while labelling real=0; here a test pins the convention.)
 */
public final class Labels {
    /** Target for real images, and for fakes in the generator's non-saturating loss. */
    public static final double REAL = 1.0;
    /** Target for generated images in the discriminator's loss. */
    public static final double FAKE = 0.0;

    private Labels() {
    }
}
