package dev.jvmgan.convolution;

import dev.jvmgan.config.Precision;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.bytedeco.dnnl.global.dnnl.dnnl_bf16;
import static org.bytedeco.dnnl.global.dnnl.dnnl_f32;

/**
 * One layer's {@link ConvolutionPrimitives}, one per geometry it has met (training, sampling and evaluation batches
 * differ in size), the {@value #KEPT} most recently used kept.
 */
final class LayerConvolutions {
    static final int KEPT = 3;
    private final int dataType;
    private final Map<Geometry, ConvolutionPrimitives> byGeometry = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Geometry, ConvolutionPrimitives> eldest) {
            if (size() > KEPT) {
                eldest.getValue().close();
                return true;
            }
            return false;
        }
    };

    /** @param dataType oneDNN's data type for the arithmetic: {@code dnnl_f32} or {@code dnnl_bf16} */
    LayerConvolutions(int dataType) {
        this.dataType = dataType;
    }

    static LayerConvolutions of(Precision precision) {
        return new LayerConvolutions(precision == Precision.BF16 ? dnnl_bf16 : dnnl_f32);
    }

    ConvolutionPrimitives of(Geometry geometry) {
        return byGeometry.computeIfAbsent(geometry, g -> new ConvolutionPrimitives(g, dataType));
    }
}
