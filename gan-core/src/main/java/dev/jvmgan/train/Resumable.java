package dev.jvmgan.train;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A part of training whose state a checkpoint carries so that a resumed run continues exactly where it stopped:
 * a random generator, the data order, the monitors' history. Saved after an iteration's listeners ran, restored
 * before the next iteration of the resumed run.
 */
public interface Resumable {

    /** The state's name in the checkpoint, unique in a run, e.g. {@code "data"}. */
    String stateName();

    JsonNode saveState();

    /** @throws IllegalArgumentException if the state does not fit (a message naming what) */
    void restoreState(JsonNode state);

    /** A resumable from two functions. */
    static Resumable of(String name, Supplier<JsonNode> save, Consumer<JsonNode> restore) {
        Objects.requireNonNull(name, "name");
        return new Resumable() {
            @Override
            public String stateName() {
                return name;
            }

            @Override
            public JsonNode saveState() {
                return save.get();
            }

            @Override
            public void restoreState(JsonNode state) {
                restore.accept(state);
            }
        };
    }
}
