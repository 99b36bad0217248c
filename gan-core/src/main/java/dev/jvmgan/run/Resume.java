package dev.jvmgan.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.config.ConfigDiff;
import dev.jvmgan.config.RunConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a resumed run continues: its directory, the checkpoint read from it, the config changes the user
 * allowed (a longer schedule always is), and the config the checkpoint was trained with (null: the run's own, when
 * nothing but the schedule changed).
 */
record Resume(Path directory, Checkpoints.Loaded from, List<ConfigDiff.Change> configChanges, RunConfig saved) {
    Resume {
        configChanges = List.copyOf(configChanges);
    }

    Checkpoint.State at() {
        return from.checkpoint().state();
    }

    /** metrics.jsonl's {@code "type": "resume"} record: iteration, images seen, checkpoint, time, changes. */
    ObjectNode record(ObjectMapper json) {
        ObjectNode record = json.createObjectNode();
        record.put("type", "resume").put("iteration", at().iteration()).put("imagesSeen", at().imagesSeen())
                .put("checkpoint", from.file().getFileName().toString())
                .put("time", java.time.Instant.now().toString());
        var changes = record.putArray("configChanges");
        configChanges.forEach(change -> changes.addObject().put("key", change.key()).put("before", change.before())
                .put("after", change.after()));
        return record;
    }
}
