package dev.jvmgan.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvmgan.run.ClusterLoops;
import dev.jvmgan.run.LoopParts;
import dev.jvmgan.train.Resumable;
import dev.jvmgan.train.TrainingLoop;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The connection to Spark for one run and the state of its partitions 1..N-1, which checkpoints carry as the
 * {@value #STATE} part (partition 0's streams are the run's own). Made by {@link SparkProvider}.
 */
final class SparkLoops implements ClusterLoops {
    static final String STATE = "spark";
    private static final Logger log = LoggerFactory.getLogger(SparkLoops.class);

    private final JavaSparkContext spark;
    private final int partitions;
    private final Carries carries;

    SparkLoops(JavaSparkContext spark, int partitions) {
        this.spark = spark;
        this.partitions = partitions;
        this.carries = new Carries(partitions);
    }

    @Override
    public List<Resumable> state() {
        return List.of(carries);
    }

    @Override
    public TrainingLoop create(LoopParts parts) {
        log.info("training on Spark ({}): {} partitions, rounds of {} iterations", spark.master(), partitions,
                parts.config().train().distributed().roundSteps());
        return new SparkLoop(spark, parts, carries, partitions);
    }

    /** Payload bytes of the rounds so far (model broadcast, partitions' sums), before Spark's own framing. */
    long[] bytesSent() {
        return new long[] {carries.rounds, carries.broadcastBytes, carries.resultBytes};
    }

    @Override
    public void close() {
        if (carries.rounds > 0) {
            log.info("{} rounds; per round: {} bytes of model broadcast, {} bytes of partition sums returned "
                    + "({} partitions)", carries.rounds, carries.broadcastBytes / carries.rounds,
                    carries.resultBytes / carries.rounds, partitions);
        }
        spark.stop();
    }

    /** Partitions 1..N-1's carried state, saved in checkpoints and restored on resume. */
    static final class Carries implements Resumable {
        private final int partitions;
        private final Map<Integer, PartitionCarry> byPartition = new TreeMap<>();
        private long rounds;
        private long broadcastBytes;
        private long resultBytes;

        Carries(int partitions) {
            this.partitions = partitions;
        }

        /** Partition p's state, or null when it starts its streams afresh (its first round). */
        PartitionCarry get(int partition) {
            return byPartition.get(partition);
        }

        void put(int partition, PartitionCarry carry) {
            byPartition.put(partition, carry);
        }

        void countRound(long broadcast, long results) {
            rounds++;
            broadcastBytes += broadcast;
            resultBytes += results;
        }

        @Override
        public String stateName() {
            return STATE;
        }

        @Override
        public JsonNode saveState() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("partitions", partitions);
            ObjectNode each = node.putObject("carries");
            byPartition.forEach((p, carry) -> each.set(Integer.toString(p), carry.toJson()));
            return node;
        }

        @Override
        public void restoreState(JsonNode state) {
            int saved = state.path("partitions").asInt(-1);
            if (saved != partitions) {
                log.warn("the checkpoint was trained on {} partitions, this run has {}: partitions 1..{} start their "
                        + "streams afresh", saved, partitions, partitions - 1);
                return;
            }
            state.path("carries").fields().forEachRemaining(e ->
                    byPartition.put(Integer.parseInt(e.getKey()), PartitionCarry.fromJson(e.getValue())));
        }
    }
}
