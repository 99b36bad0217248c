package dev.jvmgan.examples;

import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.model.NetworkFactory;
import dev.jvmgan.run.DataRule;
import dev.jvmgan.run.TrainingRun;
import dev.jvmgan.train.IterationStats;
import dev.jvmgan.train.TrainingListener;
import dev.jvmgan.train.TrainingSession;

import java.nio.file.Path;
import java.util.List;

/**
 * Trains the default DCGAN from Java instead of the CLI, with a listener of your own: the shape of code you
 * would write to embed the toolkit in an application.
 *
 * <pre>
 *   mvn -q -DskipTests install
 *   java -cp "gan-examples/target/gan-examples.jar:$(cat gan-examples/target/classpath.txt)" \
 *       dev.jvmgan.examples.TrainFromJava configs/fashion-dcgan.yaml 200
 * </pre>
 */
public final class TrainFromJava {
    private TrainFromJava() {
    }

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args.length > 0 ? args[0] : "configs/fashion-dcgan.yaml");
        String iterations = args.length > 1 ? args[1] : "200";

        // The same strict loading the CLI does: every problem of the file at once, each with file:line: key.
        RunConfig resolved = ConfigLoader.load(config, List.of("train.iterations=" + iterations),
                List.of(NetworkFactory.rule(), new DataRule()));

        TrainingListener printEvery100 = new TrainingListener() {
            @Override
            public void iterationDone(TrainingSession session, IterationStats stats) {
                if (stats.iteration() % 100 == 0) {
                    System.out.printf("iteration %d: D(x) %.2f, D(G(z)) %.2f%n",
                            stats.iteration(), stats.dReal(), stats.dFake());
                }
            }
        };
        Path runDir = new TrainingRun(resolved, false).withListener(printEvery100).run();
        System.out.println("samples and checkpoints in " + runDir);
    }
}
