package dev.jvmgan.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nd4j.linalg.api.rng.Random;

/**
 * Where an ND4J random generator stands in its stream: its two 64-bit states. Setting them back makes the
 * generator produce the same numbers again, which is all an exact resume needs of it.
 */
public record RandomState(long root, long node) {

    public static RandomState of(Random rng) {
        return new RandomState(rng.rootState(), rng.nodeState());
    }

    public void applyTo(Random rng) {
        rng.setStates(root, node);
    }

    public ObjectNode toJson() {
        // As strings: JSON readers in other languages lose precision on 64-bit integers.
        return JsonNodeFactory.instance.objectNode().put("root", Long.toString(root)).put("node", Long.toString(node));
    }

    public static RandomState fromJson(JsonNode json) {
        if (json == null || !json.hasNonNull("root") || !json.hasNonNull("node")) {
            throw new IllegalArgumentException("random state needs 'root' and 'node', got " + json);
        }
        return new RandomState(Long.parseLong(json.get("root").asText()), Long.parseLong(json.get("node").asText()));
    }
}
