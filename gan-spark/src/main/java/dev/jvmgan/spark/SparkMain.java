package dev.jvmgan.spark;

import dev.jvmgan.cli.GanCli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The job jar's entry point for spark-submit: {@code gan train} on the cluster spark-submit names.
 * <pre>
 *   spark-submit --master spark://host:7077 --class dev.jvmgan.spark.SparkMain gan-spark-job.jar CONFIG [train options]
 * </pre>
 * The arguments are {@code gan train}'s; {@code --spark} is added (with spark-submit's {@code spark.master}).
 */
public final class SparkMain {
    private SparkMain() {
    }

    public static void main(String[] args) {
        List<String> train = new ArrayList<>(List.of("train"));
        train.addAll(Arrays.asList(args));
        if (train.stream().noneMatch(arg -> arg.equals("--spark") || arg.startsWith("--spark="))) {
            train.add("--spark");
        }
        System.exit(GanCli.run(train.toArray(String[]::new)));
    }
}
