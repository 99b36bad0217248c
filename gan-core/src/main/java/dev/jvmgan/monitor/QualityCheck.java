package dev.jvmgan.monitor;

/**
 * What the quality rules ({@link QualityAlerts}) read of one score of the generator during training.
 *
 * @param iteration the generator update count at the score
 * @param fd        Fréchet distance between the features of generated and real images (lower is better)
 * @param recall    fraction of real images within the generated images' k-NN balls (Kynkäänniemi et al.)
 * @param coverage  fraction of real images whose k-NN ball holds a generated image (Naeem et al.)
 */
public record QualityCheck(long iteration, double fd, double recall, double coverage) {
}
