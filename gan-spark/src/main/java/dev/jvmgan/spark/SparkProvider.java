package dev.jvmgan.spark;

import dev.jvmgan.cli.UserInputException;
import dev.jvmgan.config.DataConfig;
import dev.jvmgan.config.DataSource;
import dev.jvmgan.config.DistributedConfig;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.run.ClusterLoops;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code gan train --spark MASTER}: checks that the config can train in rounds, then connects to Spark. The averaged
 * model exists only at round ends, so the cadences that read the model (sample grids, checkpoints, scores) must be
 * multiples of {@code train.distributed.roundSteps}; metrics and charts, which read the loop's figures, may be any.
 */
public final class SparkProvider implements ClusterLoops.Provider {

    /** Spark's own INFO lines (hundreds a run) would bury the run's; its warnings and errors still show. */
    private static final List<String> QUIET = List.of("org.apache.spark", "org.sparkproject", "io.netty",
            "org.apache.hadoop");

    @Override
    public ClusterLoops open(String master, RunConfig config) {
        requireRoundCadences(config);
        for (String name : QUIET) {
            if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger
                    && logger.getLevel() == null) {
                logger.setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }
        SparkConf conf = new SparkConf().setAppName("gan train " + config.name());
        if (!master.isEmpty()) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            throw new UserInputException("--spark without MASTER takes spark.master from Spark's settings, and none "
                    + "is set: give one (--spark local[2], --spark spark://host:7077) or start through "
                    + "spark-submit --master ...", null);
        }
        DistributedConfig distributed = config.train().distributed();
        if (distributed.partitions() != 1 && config.data().source() == DataSource.FOLDER
                && config.data().cache() == DataConfig.Cache.NONE) {
            throw new UserInputException("data.cache: none streams " + config.data().path() + " from disk, which "
                    + "cannot be split into partitions yet: set data.cache: disk (decoded once, held in memory) or "
                    + "train.distributed.partitions: 1", null);
        }
        JavaSparkContext spark = new JavaSparkContext(conf);
        int partitions = distributed.enabled() ? distributed.partitions() : spark.defaultParallelism();
        return new SparkLoops(spark, partitions);
    }

    /**
     * @throws UserInputException naming every cadence that is not a multiple of the round, with the two fixes
     */
    static void requireRoundCadences(RunConfig config) {
        int k = config.train().distributed().roundSteps();
        List<String> problems = new ArrayList<>();
        check("output.sampleEvery", config.output().sampleEvery(), k, problems);
        check("output.checkpointEvery", config.output().checkpointEvery(), k, problems);
        if (config.eval().enabled()) {
            check("eval.every", config.eval().every(), k, problems);
        }
        if (!problems.isEmpty()) {
            throw new UserInputException(String.join("\n", problems) + "\nOn Spark the averaged model exists only at "
                    + "the end of each round of train.distributed.roundSteps = " + k + " iterations: set roundSteps to "
                    + "a common divisor of these cadences, or each cadence to a multiple of " + k, null);
        }
    }

    private static void check(String key, int every, int k, List<String> problems) {
        if (every % k != 0) {
            long below = (long) every / k * k;
            problems.add(key + " = " + every + " is not a multiple of train.distributed.roundSteps = " + k
                    + " (nearest: " + (below > 0 ? below + " or " : "") + (below + k) + ")");
        }
    }
}
