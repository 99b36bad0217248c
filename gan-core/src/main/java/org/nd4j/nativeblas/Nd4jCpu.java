package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * Repairs DL4J 1.0.0-M2.1's oneDNN layer helpers; not an API.
 *
 * <p>DL4J's {@code BaseMKLDNNHelper.mklDnnEnabled()} looks up, by reflection, the class
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment} and its method {@code isUseMKLDNN()}. ND4J M2.1 ships that
 * binding as {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment} with the method
 * {@code isUseONEDNN()}, so the lookup fails once and every conv, batch-norm and pooling layer silently falls back
 * to im2col + gemm: 2.5x slower on this project's benchmark. This class provides the name the check expects and
 * delegates to the real binding, found by reflection so that the CUDA build (which lacks it) still compiles.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** Stands in for the binding's {@code Environment} singleton. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();
        private static final String REAL_BINDING = "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Whether the native library was built with oneDNN and has it switched on. */
        public boolean isUseMKLDNN() {
            try {
                Class<?> binding = Class.forName(REAL_BINDING);
                Object environment = binding.getMethod("getInstance").invoke(null);
                Method isUseOneDnn = binding.getMethod("isUseONEDNN");
                return (Boolean) isUseOneDnn.invoke(environment);
            } catch (ReflectiveOperationException | LinkageError e) {
                return false;
            }
        }
    }
}
