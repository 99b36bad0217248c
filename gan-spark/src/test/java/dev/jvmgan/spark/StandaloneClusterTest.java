package dev.jvmgan.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.run.TrainingRun;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Spark standalone cluster on localhost: a master and a worker (one core) started as their own JVMs from the
 * Maven artifacts' classes, a run submitted to it from this JVM (the driver), and its outputs checked; then a run
 * whose executor is killed while a round's task runs, which Spark retries on the executor the worker starts again.
 */
class StandaloneClusterTest {
    @TempDir
    static Path dir;
    static Process master;
    static Process worker;
    static String masterUrl;
    static Path images;

    @BeforeAll
    static void startCluster() throws Exception {
        images = TinySpark.images(dir, 40);
        int port = freePort();
        masterUrl = "spark://127.0.0.1:" + port;
        master = start("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort())));
        waitFor(() -> listening(port), "the master to listen on " + port);
        worker = start("worker", List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                "--webui-port", Integer.toString(freePort()), "--cores", "1", "--memory", "1g",
                "--work-dir", dir.resolve("work").toString(), masterUrl));
        waitFor(() -> Files.readString(dir.resolve("master.log")).contains("Registering worker"),
                "the worker to register with the master");
    }

    @AfterAll
    static void stopCluster() {
        for (Process process : new Process[] {worker, master}) {
            if (process != null) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }

    @Test
    void aRunSubmittedToTheClusterWritesItsRunDirectory() throws Exception {
        RunConfig config = TinySpark.config(images, dir.resolve("runs"), 4, 2, 2, 2);
        Path run;
        try (SparkLoops loops = new SparkLoops(connect(), 2)) {
            run = new TrainingRun(config, false).withLoop(loops).run();
        }
        assertThat(Files.readString(run.resolve("config.yaml"))).contains("roundSteps: 2");
        assertThat(Checkpoints.list(run)).extracting(p -> p.getFileName().toString())
                .contains("iter-0000004.zip");
        assertThat(Checkpoint.read(Checkpoints.file(run, 4), true).state().imagesSeen()).isEqualTo(4 * 4 * 2);
        assertThat(run.resolve("samples")).isDirectoryContaining(p -> p.getFileName().toString().contains("0000004"));
        ObjectMapper json = new ObjectMapper();
        assertThat(Files.readAllLines(run.resolve("metrics.jsonl")).stream()
                .filter(line -> line.contains("\"type\":\"train\"")).count()).isEqualTo(4);
        assertThat(json.readTree(Files.readAllLines(run.resolve("metrics.jsonl")).get(0)).isObject()).isTrue();
    }

    @Test
    void anExecutorKilledMidRoundIsRetriedAndTheRunCompletes() throws Exception {
        // Rounds long enough (100 iterations) that the kill lands while the second round's task runs.
        RunConfig config = TinySpark.config(images, dir.resolve("runs"), 200, 100, 1, 100);
        AtomicBoolean killed = new AtomicBoolean();
        AtomicInteger failedTasks = new AtomicInteger();
        Path run;
        JavaSparkContext spark = connect();
        spark.sc().addSparkListener(new SparkListener() {
            @Override
            public void onTaskStart(SparkListenerTaskStart start) {
                if (start.stageId() >= 1 && killed.compareAndSet(false, true)) {
                    worker.descendants().forEach(ProcessHandle::destroyForcibly);
                }
            }

            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (!end.taskInfo().successful()) {
                    failedTasks.incrementAndGet();
                }
            }
        });
        try (SparkLoops loops = new SparkLoops(spark, 1)) {
            run = new TrainingRun(config, false).withLoop(loops).run();
        }
        assertThat(killed).as("the executor was killed").isTrue();
        assertThat(failedTasks.get()).as("the round's task failed with its executor").isGreaterThanOrEqualTo(1);
        assertThat(Checkpoints.list(run)).extracting(p -> p.getFileName().toString())
                .containsExactly("iter-0000100.zip", "iter-0000200.zip");
        assertThat(Checkpoint.read(Checkpoints.file(run, 200), true).state().iteration()).isEqualTo(200);
    }

    private static JavaSparkContext connect() {
        String addOpens = System.getProperty("gan.spark.addOpens", "");
        return new JavaSparkContext(new SparkConf().setMaster(masterUrl).setAppName("gan-spark cluster test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.executor.memory", "768m").set("spark.cores.max", "1")
                .set("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .set("spark.executor.extraJavaOptions", addOpens + " -Dorg.bytedeco.javacpp.maxbytes=1g "
                        + "-Dorg.bytedeco.javacpp.maxphysicalbytes=2g"));
    }

    private static Process start(String name, List<String> mainAndArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m"));
        String addOpens = System.getProperty("gan.spark.addOpens", "");
        if (!addOpens.isBlank()) {
            command.addAll(Arrays.asList(addOpens.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        Path home = Files.createDirectories(dir.resolve("spark-home"));
        Map<String, String> env = builder.environment();
        env.put("SPARK_HOME", home.toString());
        // No Spark distribution here: the executors' classpath is spark.executor.extraClassPath (this JVM's), and
        // SPARK_TESTING stops the worker's command builder from requiring $SPARK_HOME/jars.
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_TESTING", "1");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (check.ok()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out waiting for " + what + "; see " + dir);
    }
}
