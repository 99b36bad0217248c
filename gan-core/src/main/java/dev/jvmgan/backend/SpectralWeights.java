package dev.jvmgan.backend;

import dev.jvmgan.spectral.SpectralLayers;
import dev.jvmgan.spectral.SpectralNorm;
import dev.jvmgan.spectral.WeightLayout;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Spectral normalisation of some weights of one network behind the seam, as a reparametrisation of the weight the
 * layer reads (torch's {@code spectral_norm} registers {@code weight_orig} and recomputes {@code weight} before
 * each forward):
 * <pre>
 *   at rest:         W (in the flat parameters) = W_orig         what the optimiser updates and checkpoints save
 *   around a pass:   aside = W_orig;  W = W_orig / sigma           sigma from SpectralNorm, one power iteration in
 *                                                                  training, none in inference or while held
 *   after backward:  dL/dW_orig = (G - &lt;G, W_SN&gt; u v^T) / sigma   written over the pass's gradient G = dL/dW_SN
 *                    W = aside                                     at rest again
 * </pre>
 * So DL4J's layers compute with W_SN unchanged, the gradient that joins the pending sum is already the gradient of
 * W_orig, and the optimiser (Adam's moments included) and the checkpoints only ever see W_orig. Three copies of each
 * normalised weight per pass (aside, W_SN, back), plus the power iteration; nothing at all for a network without
 * normalised layers, which has no instance of this class.
 */
final class SpectralWeights {
    private final List<Entry> entries;
    private final Map<String, SpectralNorm> byLayer;
    private boolean swapped;
    private boolean held;

    /** One normalised weight: its live view in the flat parameters, the copy of W_orig aside, its power iteration. */
    private record Entry(String gradientKey, INDArray weight, INDArray original, SpectralNorm norm) {
    }

    private SpectralWeights(List<Entry> entries, Map<String, SpectralNorm> byLayer) {
        this.entries = entries;
        this.byLayer = Collections.unmodifiableMap(byLayer);
    }

    /**
     * @param layers the layers to normalise, by the seam's layer names
     * @param seed   u's and v's initial directions, one stream per layer in network order
     * @throws IllegalArgumentException naming a layer that is missing or not of a type spectral norm applies to
     */
    static SpectralWeights of(NetworkPasses passes, Set<String> layers, long seed) {
        for (String layer : layers) {
            SpectralLayers.problem(passes.model(), layer).ifPresent(problem -> {
                throw new IllegalArgumentException("spectral norm: " + problem);
            });
        }
        Map<String, WeightLayout> layouts = SpectralLayers.weightLayers(passes.model());
        Map<String, String> keys = new LinkedHashMap<>();
        passes.model().paramTable().keySet().forEach(key -> keys.put(passes.readableKey(key), key));
        SplittableRandom seeds = new SplittableRandom(seed);
        List<Entry> entries = new ArrayList<>();
        Map<String, SpectralNorm> byLayer = new LinkedHashMap<>();
        for (Map.Entry<String, WeightLayout> layer : layouts.entrySet()) {
            long layerSeed = seeds.nextLong(); // drawn for every weight layer, so a layer's seed never depends on others
            if (!layers.contains(layer.getKey())) {
                continue;
            }
            String key = keys.get(layer.getKey() + "/W");
            INDArray weight = passes.model().paramTable().get(key);
            SpectralNorm norm = new SpectralNorm(weight.shape(), layer.getValue(), weight.dataType(), layerSeed);
            entries.add(new Entry(key, weight, weight.dup(), norm));
            byLayer.put(layer.getKey(), norm);
        }
        return new SpectralWeights(List.copyOf(entries), byLayer);
    }

    /** The power iterations by layer name, in network order (live: {@code restore} continues from a checkpoint). */
    Map<String, SpectralNorm> norms() {
        return byLayer;
    }

    /** While held, a training pass computes sigma from the kept u and v, as an inference pass does. */
    void hold(boolean hold) {
        this.held = hold;
    }

    /** Writes W_orig / sigma into each normalised weight, W_orig aside; with a power iteration if {@code training}. */
    void beforePass(boolean training) {
        restore();
        for (Entry e : entries) {
            e.original().assign(e.weight());
            e.weight().assign(e.norm().forward(e.original(), training && !held));
        }
        swapped = true;
    }

    /** Turns the pass's dL/dW_SN into dL/dW_orig, in place, in DL4J's gradient of that pass (keyed as DL4J keys it). */
    void chainGradients(Map<String, INDArray> gradients) {
        for (Entry e : entries) {
            INDArray g = gradients.get(e.gradientKey());
            if (g != null) { // a layer below a frozen one has no gradient
                g.assign(e.norm().backward(g));
            }
        }
    }

    /** W_orig back into the parameters, if a pass left W_SN there. */
    void restore() {
        if (swapped) {
            for (Entry e : entries) {
                e.weight().assign(e.original());
            }
            swapped = false;
        }
    }
}
