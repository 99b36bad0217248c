package dev.jvmgan.augment;

import dev.jvmgan.random.RandomStream;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Differentiable Augmentation (Zhao et al. 2020, "Differentiable Augmentation for Data-Efficient GAN Training"):
 * the same random color, translation and cutout on real and generated images before D, on every D and G pass,
 * so that D cannot memorise a small training set and G still learns through the augmentation. A policy is a
 * comma-separated list, as the reference's {@code DiffAugment(x, policy='color,translation,cutout')}:
 * <ul>
 *   <li>{@code color}: {@link Brightness} (+U[-0.5, 0.5)), {@link Saturation} (x U[0, 2) around the channel mean),
 *       {@link Contrast} (x U[0.5, 1.5) around the image mean), in that order;</li>
 *   <li>{@code translation}: {@link Translation} by up to 1/8 of each side, zeros moving in;</li>
 *   <li>{@code cutout}: {@link Cutout}, a zero rectangle of half of each side.</li>
 * </ul>
 * Every parameter is drawn per sample from a {@link RandomStream} of this augmenter's own, operation by operation
 * over the whole batch (brightness of every sample, then saturation, ...; rows then columns), so one seed gives one
 * sequence of augmentations and {@link #state()} resumes it exactly. Each {@link #apply} call draws anew: call it
 * once for the real batch and once for the fake one, as the reference does.
 *
 * <p>Computed on the host in double, then cast to the images' type; the backward pass is exact (every operation is
 * affine for fixed parameters). Images are [B, C, H, W].
 * <pre>{@code
 * DiffAugment augment = DiffAugment.policy("color,translation,cutout", seed);
 * Transformed seen = augment.apply(fake, iteration);
 * g.backward(seen.backward(d.inputGradient(loss.generator(d.forward(seen.images())).dLogits())));
 * }</pre>
 */
public final class DiffAugment implements InputTransform {
    /** The reference's translation ratio, 1/8 of the side. */
    public static final double TRANSLATION_RATIO = 0.125;
    /** The reference's cutout ratio, 1/2 of the side. */
    public static final double CUTOUT_RATIO = 0.5;
    private static final Map<String, List<Augmentation>> POLICIES = policies();

    private final String policy;
    private final List<Augmentation> operations;
    private final RandomStream random;

    private DiffAugment(String policy, List<Augmentation> operations, long seed) {
        this.policy = policy;
        this.operations = operations;
        this.random = new RandomStream(seed);
    }

    /**
     * @param policy comma-separated names from {@code color}, {@code translation}, {@code cutout}, applied in the
     *               order given; empty for none
     * @throws IllegalArgumentException for an unknown name, with the known ones
     */
    public static DiffAugment policy(String policy, long seed) {
        List<Augmentation> operations = new ArrayList<>();
        for (String name : policy.split(",")) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            List<Augmentation> named = POLICIES.get(trimmed);
            if (named == null) {
                throw new IllegalArgumentException("unknown DiffAugment policy '" + trimmed + "' in '" + policy
                        + "': known are " + POLICIES.keySet());
            }
            operations.addAll(named);
        }
        return new DiffAugment(policy, List.copyOf(operations), seed);
    }

    private static Map<String, List<Augmentation>> policies() {
        Map<String, List<Augmentation>> map = new LinkedHashMap<>();
        map.put("color", List.of(new Brightness(), new Saturation(), new Contrast()));
        map.put("translation", List.of(new Translation(TRANSLATION_RATIO)));
        map.put("cutout", List.of(new Cutout(CUTOUT_RATIO)));
        return Collections.unmodifiableMap(map);
    }

    /** Augments [B, C, H, W] images with freshly drawn parameters; {@code iteration} plays no part. */
    @Override
    public Transformed apply(INDArray images, long iteration) {
        Images x = Images.of(images);
        List<Augmentation.Step> steps = new ArrayList<>(operations.size());
        for (Augmentation operation : operations) {
            Augmentation.Step step = operation.draw(x, random);
            step.forward(x);
            steps.add(step);
        }
        return new Applied(x.toArray(images.dataType()), steps);
    }

    /** The policy as given. */
    public String policy() {
        return policy;
    }

    /** Where the parameter stream stands, for checkpoints. */
    public long state() {
        return random.state();
    }

    /** Continues the parameter stream from a saved {@link #state()}. */
    public void restore(long state) {
        random.restore(state);
    }

    /** One application: the augmented images and the drawn steps, which the backward pass runs in reverse. */
    private record Applied(INDArray images, List<Augmentation.Step> steps) implements Transformed {
        @Override
        public INDArray backward(INDArray dLossDOutput) {
            if (!Arrays.equals(dLossDOutput.shape(), images.shape())) {
                throw new IllegalArgumentException("gradient of shape " + Arrays.toString(dLossDOutput.shape())
                        + " for augmented images of shape " + Arrays.toString(images.shape()));
            }
            Images gradient = Images.of(dLossDOutput);
            for (int k = steps.size() - 1; k >= 0; k--) {
                steps.get(k).backward(gradient);
            }
            return gradient.toArray(dLossDOutput.dataType());
        }
    }
}
