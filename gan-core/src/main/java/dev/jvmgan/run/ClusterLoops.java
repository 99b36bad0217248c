package dev.jvmgan.run;

import dev.jvmgan.config.RunConfig;

/**
 * A {@link LoopFactory} that trains on a cluster and holds the connection to it until closed: what
 * {@code gan train --spark MASTER} finds on the classpath (gan-spark provides one through {@link java.util.ServiceLoader}),
 * so that gan-core never depends on Spark.
 */
public interface ClusterLoops extends LoopFactory, AutoCloseable {

    /** Ends the connection (stops the Spark context); never throws. */
    @Override
    void close();

    /** Opens {@link ClusterLoops}; registered in {@code META-INF/services/dev.jvmgan.run.ClusterLoops$Provider}. */
    interface Provider {
        /**
         * @param master where to train ({@code local[2]}, {@code spark://host:7077}, {@code yarn}), or empty to take
         *               it from the cluster's own settings ({@code spark.master}, as spark-submit sets it)
         * @throws dev.jvmgan.cli.UserInputException when the config cannot be trained on the cluster (names the key
         *                                           and the fix)
         */
        ClusterLoops open(String master, RunConfig config);
    }
}
