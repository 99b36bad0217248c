package dev.jvmgan.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.train.Resumable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Puts a checkpoint's saved state back into the parts of a run that is being resumed. */
final class Resumables {
    /** Without these the resumed run would not continue the same stream of batches and latents. */
    static final Set<String> REQUIRED = Set.of("data", "latents", "nd4jRandom");
    private static final Logger log = LoggerFactory.getLogger(Resumables.class);

    private Resumables() {
    }

    /**
     * @throws RunSetupException if the checkpoint lacks a required part or a part does not fit (message names the
     *                           checkpoint and the part)
     */
    static void restore(Checkpoints.Loaded from, List<Resumable> parts) {
        Map<String, JsonNode> saved = from.checkpoint().resumeState();
        if (saved.isEmpty()) {
            throw new RunSetupException(from.file() + " holds no resume state (it was written by an older version "
                    + "of the toolkit): it can be sampled from with gan sample, but not resumed", null);
        }
        Set<String> unused = new TreeSet<>(saved.keySet());
        for (Resumable part : parts) {
            JsonNode state = saved.get(part.stateName());
            unused.remove(part.stateName());
            if (state == null) {
                if (REQUIRED.contains(part.stateName())) {
                    throw new RunSetupException(from.file() + " has no '" + part.stateName() + "' state, which an "
                            + "exact resume needs; it can be sampled from, but not resumed", null);
                }
                log.warn("{} has no '{}' state (was it off when the checkpoint was written?); it starts afresh",
                        from.file(), part.stateName());
                continue;
            }
            try {
                part.restoreState(state);
            } catch (RuntimeException e) {
                throw new RunSetupException("cannot resume from " + from.file() + ": its '" + part.stateName()
                        + "' state does not fit: " + e.getMessage(), e);
            }
        }
        if (!unused.isEmpty()) {
            log.info("not used on resume (switched off in the config now): {}", String.join(", ", unused));
        }
    }
}
