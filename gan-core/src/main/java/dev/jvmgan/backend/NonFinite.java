package dev.jvmgan.backend;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;
import java.util.Optional;

/** NaN and infinity checks shared by the network seams. */
final class NonFinite {
    private NonFinite() {
    }

    /** One reduction: a NaN or infinity anywhere makes the sum non-finite. */
    static boolean isFinite(INDArray a) {
        double sum = a.sumNumber().doubleValue();
        return Double.isFinite(sum) || (!Double.isNaN(sum) && a.amaxNumber().doubleValue() < Float.MAX_VALUE);
    }

    /** The first array, in map order, holding a NaN or infinity, as {@code "<what> <key>"}. */
    static Optional<String> first(String what, Map<String, INDArray> arrays) {
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            if (!isFinite(e.getValue())) {
                return Optional.of(what + " " + e.getKey());
            }
        }
        return Optional.empty();
    }
}
