package dev.jvmgan.backend;

import dev.jvmgan.model.NetworkRole;
import org.bytedeco.javacpp.Loader;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.layers.LayerHelper;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Start-up of the ND4J backend: switches DL4J's native layer helpers on and says what the run executes on.
 *
 * <p>Call {@link #initialise()} before building networks: DL4J decides per layer, at construction, whether it gets
 * a oneDNN (CPU) or cuDNN (CUDA) helper, and its default is "no helpers".
 */
public final class NativeBackend {
    private static final Logger log = LoggerFactory.getLogger(NativeBackend.class);
    /** DL4J reads this at every layer construction; "true" (its default) disables oneDNN and cuDNN helpers. */
    private static final String HELPERS_DISABLED = "org.eclipse.deeplearning4j.helpers.disable";

    private static final String LOG_INITIALIZATION = "org.nd4j.log.initialization";

    /** ND4J's CPU executioner, which {@code dev.jvmgan.backend.cpu.ReachableOpExecutioner} replaces. */
    private static final String CPU_EXECUTIONER = "org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner";
    private static final String REACHABLE_EXECUTIONER = "dev.jvmgan.backend.cpu.ReachableOpExecutioner";
    /** {@code -Djvmgan.reachableOps=false} keeps ND4J's own CPU executioner. */
    static final String REACHABLE_OPS = "jvmgan.reachableOps";

    /** Threads for OpenBLAS (ND4J's default is one per core); override with OPENBLAS_NUM_THREADS. */
    static final int BLAS_THREADS = 1;

    private static boolean initialised;
    private static boolean helpersLogged;

    private NativeBackend() {
    }

    /** Enables the native layer helpers (unless the user set the property) and loads the backend. */
    public static synchronized void initialise() {
        if (initialised) {
            return;
        }
        if (System.getProperty(HELPERS_DISABLED) == null) {
            System.setProperty(HELPERS_DISABLED, "false");
        }
        // ND4J's start-up banner (build flags, BLAS, devices) would bury the one line describe() prints.
        if (System.getProperty(LOG_INITIALIZATION) == null) {
            System.setProperty(LOG_INITIALIZATION, "false");
        }
        Nd4j.getExecutioner();
        keepOpsReachable();
        if (System.getenv("OPENBLAS_NUM_THREADS") == null && System.getenv("ND4J_SKIP_BLAS_THREADS") == null) {
            // BLAS only serves the small dense layers here; a second BLAS thread spins in sched_yield between calls
            // and takes a core's share from oneDNN and libnd4j, which own the heavy work (measured in the README).
            Nd4j.factory().blas().setMaxThreads(BLAS_THREADS);
        }
        initialised = true;
    }

    /**
     * On the CPU backend, puts the executioner that keeps each op reachable through its native call in place of ND4J's
     * own, whose broadcasts can crash the JVM when a garbage collection frees the op's dimensions during the call
     * (see {@code ReachableOpExecutioner}). At start-up, before the networks are built. Nothing changes on
     * CUDA, with {@code -Djvmgan.reachableOps=false}, or when it is installed already.
     */
    static void keepOpsReachable() {
        if ("false".equalsIgnoreCase(System.getProperty(REACHABLE_OPS))
                || !Nd4j.getExecutioner().getClass().getName().equals(CPU_EXECUTIONER)) {
            return;
        }
        try {
            Object replacement = Class.forName(REACHABLE_EXECUTIONER).getDeclaredConstructor().newInstance();
            Field instance = Nd4j.class.getDeclaredField("OP_EXECUTIONER_INSTANCE");
            instance.setAccessible(true);
            instance.set(null, replacement);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            log.warn("kept ND4J's own CPU executioner ({}); a garbage collection during a broadcast op can crash it", e
                    .toString());
        }
    }

    /**
     * One line on what runs: backend, native build, threads, and whether oneDNN is on, e.g.
     * {@code ND4J backend CPU (nd4j-native linux-x86_64-onednn-avx2, oneDNN on), 2 OpenMP threads, float}.
     */
    public static String describe() {
        initialise();
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String backend = String.valueOf(env.getOrDefault("backend", "unknown"));
        StringBuilder line = new StringBuilder("ND4J backend ").append(backend);
        if ("CPU".equalsIgnoreCase(backend)) {
            line.append(" (").append(nativeBuild("nd4j-native")).append(", oneDNN ")
                    .append(org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN() ? "on" : "off")
                    .append(')');
        } else {
            line.append(" (").append(nativeBuild("nd4j-cuda")).append(')');
            Object devices = env.get("cuda.devicesInformation");
            if (devices != null) {
                line.append(", devices ").append(devices);
            }
        }
        Object threads = env.getOrDefault("omp.threads", "?");
        line.append(", ").append(threads).append("1".equals(String.valueOf(threads)) ? " thread" : " threads");
        if ("CPU".equalsIgnoreCase(backend)) {
            line.append(" (BLAS ").append(Nd4j.factory().blas().getMaxThreads()).append(')');
        }
        line.append(", default dtype ").append(Nd4j.dataType().toString().toLowerCase());
        return line.toString();
    }

    /**
     * Logs, once per JVM, which layers of each network (a MultiLayerNetwork or ComputationGraph) got a native helper
     * (oneDNN on the CPU, cuDNN on CUDA), e.g.
     * {@code native layer helpers: D[conv1=MKLDNNConvHelper, bn2=MKLDNNBatchNormHelper] G[...]}.
     */
    public static synchronized void logHelpersOnce(Map<NetworkRole, ? extends Model> networks) {
        if (helpersLogged) {
            return;
        }
        helpersLogged = true;
        StringBuilder line = new StringBuilder("native layer helpers:");
        new TreeMap<>(networks).forEach((role, network) -> {
            List<String> withHelper = new ArrayList<>();
            for (Layer layer : TrainableNetworks.layers(network)) {
                LayerHelper helper = layer.getHelper();
                if (helper != null) {
                    withHelper.add(layer.conf().getLayer().getLayerName() + "=" + helper.getClass().getSimpleName());
                }
            }
            line.append(' ').append(role.shortName()).append(withHelper.isEmpty() ? "[none]" : withHelper.toString());
        });
        log.info(line.toString());
    }

    private static String nativeBuild(String artifactPrefix) {
        for (Map.Entry<String, String> e : Loader.getLoadedLibraries().entrySet()) {
            String path = e.getValue() == null ? "" : e.getValue();
            int at = path.indexOf(artifactPrefix);
            if (e.getKey().contains("nd4j") && at >= 0) {
                String rest = path.substring(at);
                int slash = rest.indexOf('/');
                String jar = slash > 0 ? rest.substring(0, slash) : rest;
                return jar.replace(".jar", "").replace("-1.0.0-M2.1", "");
            }
        }
        return artifactPrefix;
    }
}
