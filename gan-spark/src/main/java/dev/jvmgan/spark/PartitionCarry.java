package dev.jvmgan.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.spectral.SpectralNorm;
import dev.jvmgan.spectral.SpectralNormState;

import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one partition carries from round to round and is never averaged: where its random streams and its data order
 * stand ({@code data}, {@code latents}, {@code nd4jRandom}, the algorithm's streams), and the power iterations' u and
 * v of its spectrally normalised layers. So partition p's round r + 1 continues exactly where its round r stopped, on
 * whichever executor it runs, and a retried task repeats the same computation.
 *
 * @param streamsJson the streams' states as one JSON object, by stream name
 * @param spectral    u then v of each normalised layer, by {@code network/layer} ({@code g}, {@code d}, {@code ema})
 */
record PartitionCarry(String streamsJson, Map<String, double[][]> spectral) implements Serializable {
    private static final ObjectMapper JSON = new ObjectMapper();

    PartitionCarry {
        spectral = new LinkedHashMap<>(spectral);
    }

    static PartitionCarry of(Map<String, JsonNode> streams, TrainableNetwork g, TrainableNetwork d,
                             Optional<TrainableNetwork> average) {
        ObjectNode json = JSON.createObjectNode();
        streams.forEach(json::set);
        Map<String, double[][]> vectors = new LinkedHashMap<>();
        save("g", g, vectors);
        save("d", d, vectors);
        average.ifPresent(ema -> save("ema", ema, vectors));
        return new PartitionCarry(json.toString(), vectors);
    }

    Map<String, JsonNode> streams() {
        try {
            Map<String, JsonNode> streams = new LinkedHashMap<>();
            JSON.readTree(streamsJson).fields().forEachRemaining(e -> streams.put(e.getKey(), e.getValue()));
            return streams;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets u and v of the networks' normalised layers that this carry has. */
    void applySpectral(TrainableNetwork g, TrainableNetwork d, Optional<TrainableNetwork> average) {
        restore("g", g);
        restore("d", d);
        average.ifPresent(ema -> restore("ema", ema));
    }

    private static void save(String network, TrainableNetwork from, Map<String, double[][]> into) {
        from.spectralNorms().forEach((layer, norm) -> {
            SpectralNormState state = norm.state();
            into.put(network + "/" + layer, new double[][] {state.u(), state.v()});
        });
    }

    private void restore(String network, TrainableNetwork into) {
        for (Map.Entry<String, SpectralNorm> layer : into.spectralNorms().entrySet()) {
            double[][] uv = spectral.get(network + "/" + layer.getKey());
            if (uv != null) {
                layer.getValue().restore(new SpectralNormState(uv[0], uv[1]));
            }
        }
    }

    /** As JSON, for the checkpoint. */
    JsonNode toJson() {
        ObjectNode node = JSON.createObjectNode();
        try {
            node.set("streams", JSON.readTree(streamsJson));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode vectors = node.putObject("spectral");
        spectral.forEach((key, uv) -> vectors.set(key, JSON.valueToTree(uv)));
        return node;
    }

    static PartitionCarry fromJson(JsonNode node) {
        if (!node.has("streams")) {
            throw new IllegalArgumentException("a partition's state needs 'streams', got " + node);
        }
        Map<String, double[][]> vectors = new LinkedHashMap<>();
        node.path("spectral").fields().forEachRemaining(e -> vectors.put(e.getKey(),
                JSON.convertValue(e.getValue(), double[][].class)));
        return new PartitionCarry(node.get("streams").toString(), vectors);
    }
}
