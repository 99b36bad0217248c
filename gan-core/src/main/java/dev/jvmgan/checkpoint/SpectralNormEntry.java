package dev.jvmgan.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.spectral.SpectralNormState;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The power iterations' u and v of every spectrally normalised layer, as a checkpoint's {@code spectral-norm.json}:
 * <pre>
 *   {"discriminator": {"conv1": {"u": [...], "v": [...]}, ...}, "generator": {...}, "generator-ema": {...}}
 * </pre>
 * by network entry and layer name (torch keeps them as the {@code weight_u} and {@code weight_v} buffers of its
 * state dict). Doubles, which hold float32 values exactly and which Jackson writes so that they read back bitwise.
 * The weights themselves, W_orig, are in the networks' model zips.
 */
final class SpectralNormEntry {
    static final String NAME = "spectral-norm.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SpectralNormEntry() {
    }

    /** The states of a network behind the seam, by layer name in network order (empty without spectral norm). */
    static Map<String, SpectralNormState> of(TrainableNetwork network) {
        Map<String, SpectralNormState> states = new LinkedHashMap<>();
        network.spectralNorms().forEach((layer, norm) -> states.put(layer, norm.state()));
        return states;
    }

    static byte[] write(Map<String, Map<String, SpectralNormState>> byNetwork) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        byNetwork.forEach((network, layers) -> {
            ObjectNode node = root.putObject(network);
            layers.forEach((layer, state) -> {
                ObjectNode vectors = node.putObject(layer);
                double[] u = state.u();
                double[] v = state.v();
                var uArray = vectors.putArray("u");
                for (double x : u) {
                    uArray.add(x);
                }
                var vArray = vectors.putArray("v");
                for (double x : v) {
                    vArray.add(x);
                }
            });
        });
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    static Map<String, Map<String, SpectralNormState>> read(byte[] bytes) throws IOException {
        Map<String, Map<String, SpectralNormState>> byNetwork = new LinkedHashMap<>();
        JsonNode root = JSON.readTree(bytes);
        for (Iterator<Map.Entry<String, JsonNode>> networks = root.fields(); networks.hasNext(); ) {
            Map.Entry<String, JsonNode> network = networks.next();
            Map<String, SpectralNormState> layers = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = network.getValue().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> layer = it.next();
                layers.put(layer.getKey(), new SpectralNormState(vector(layer.getValue().get("u")),
                        vector(layer.getValue().get("v"))));
            }
            byNetwork.put(network.getKey(), layers);
        }
        return byNetwork;
    }

    private static double[] vector(JsonNode array) throws IOException {
        if (array == null || !array.isArray()) {
            throw new IOException(NAME + " has a layer without its u and v vectors");
        }
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    /**
     * Continues each normalised layer of {@code network} from its saved state.
     *
     * @return the normalised layers the checkpoint has no state for (they start afresh)
     * @throws IllegalArgumentException when a saved u or v does not fit its layer's weight
     */
    static List<String> restore(TrainableNetwork network, Map<String, SpectralNormState> saved) {
        Set<String> missing = new TreeSet<>();
        network.spectralNorms().forEach((layer, norm) -> {
            SpectralNormState state = saved.get(layer);
            if (state == null) {
                missing.add(layer);
            } else {
                try {
                    norm.restore(state);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("layer " + layer + ": " + e.getMessage(), e);
                }
            }
        });
        return List.copyOf(missing);
    }
}
