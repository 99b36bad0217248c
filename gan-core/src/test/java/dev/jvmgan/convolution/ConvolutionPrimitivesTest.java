package dev.jvmgan.convolution;

import dev.jvmgan.onednn.OneDnn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.dnnl.global.dnnl.dnnl_bf16;
import static org.bytedeco.dnnl.global.dnnl.dnnl_f32;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The three passes of {@link ConvolutionPrimitives} against the sums in its Javadoc computed in double precision: with
 * f32 arithmetic on the inputs as given, with bf16 on the inputs rounded to bfloat16 (round to nearest, ties to
 * even), so the only difference left is float32 accumulation. Errors are bounded relative to the sum of the terms'
 * magnitudes.
 */
class ConvolutionPrimitivesTest {
    private static final double RELATIVE = 2e-6;

    @ParameterizedTest(name = "{0}: f32")
    @CsvSource({
            "conv 3x3 s1 p1 bias, false, 2, 3, 7, 7, 4, 7, 7, 3, 1, 1, true",
            "conv 4x4 s2 p1, false, 3, 5, 8, 8, 6, 4, 4, 4, 2, 1, false",
            "same 3x3 s2 asymmetric, false, 2, 2, 6, 6, 3, 3, 3, 3, 2, 0, true",
            "deconv 4x4 s2 p1 bias, true, 2, 4, 4, 4, 3, 8, 8, 4, 2, 1, true",
            "deconv 4x4 s1 p0 (DCGAN's first), true, 3, 5, 1, 1, 4, 4, 4, 4, 1, 0, false"})
    void float32MatchesTheSumsInDouble(String name, boolean transposed, long n, long c, long h, long w, long o,
                                       long oh, long ow, long k, long s, long p, boolean bias) {
        check(new Geometry(transposed, n, c, h, w, o, oh, ow, k, k, s, s, p, p, bias), dnnl_f32);
    }

    @ParameterizedTest(name = "{0}: bf16")
    @CsvSource({
            "conv 3x3 s1 p1 bias, false, 2, 3, 7, 7, 4, 7, 7, 3, 1, 1, true",
            "conv 4x4 s2 p1 (DCGAN's D), false, 4, 32, 8, 8, 64, 4, 4, 4, 2, 1, false",
            "deconv 4x4 s2 p1 bias, true, 2, 4, 4, 4, 3, 8, 8, 4, 2, 1, true",
            "deconv 4x4 s2 p1 (DCGAN's G), true, 4, 64, 7, 7, 32, 14, 14, 4, 2, 1, false"})
    void bf16IsTheSumsOfBf16RoundedInputs(String name, boolean transposed, long n, long c, long h, long w, long o,
                                         long oh, long ow, long k, long s, long p, boolean bias) {
        assumeTrue(OneDnn.bf16Unavailable().isEmpty(), () -> OneDnn.bf16Unavailable().orElse(""));
        check(new Geometry(transposed, n, c, h, w, o, oh, ow, k, k, s, s, p, p, bias), dnnl_bf16);
    }

    @Test
    void bf16RoundingIsToNearestEven() {
        assertThat(bf16(1.0f)).isEqualTo(1.0f);
        // 1 + 2^-8 lies halfway between 1 and 1 + 2^-7: ties go to the even mantissa, 1.
        assertThat(bf16(1.00390625f)).isEqualTo(1.0f);
        assertThat(bf16(1.01171875f)).isEqualTo(1.015625f);
        assertThat(bf16(1.005f)).isEqualTo(1.0078125f);
    }

    private static void check(Geometry g, int dataType) {
        boolean round = dataType == dnnl_bf16;
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.randn(DataType.FLOAT, g.srcDims());
        long[] wShape = g.transposed() ? new long[] {g.inChannels(), g.outChannels(), g.kH(), g.kW()}
                : g.weightDims();
        INDArray weights = Nd4j.randn(DataType.FLOAT, wShape);
        INDArray bias = g.bias() ? Nd4j.randn(DataType.FLOAT, 1, g.outChannels()) : null;
        INDArray dy = Nd4j.randn(DataType.FLOAT, g.dstDims());
        ConvolutionPrimitives conv = new ConvolutionPrimitives(g, dataType);
        INDArray y = Nd4j.create(DataType.FLOAT, g.dstDims());
        INDArray dx = Nd4j.create(DataType.FLOAT, g.srcDims());
        INDArray dw = Nd4j.create(DataType.FLOAT, wShape);
        INDArray db = g.bias() ? Nd4j.create(DataType.FLOAT, 1, g.outChannels()) : null;
        conv.forward(x, weights, bias, y);
        conv.backward(x, dy, weights, dx, dw, db);
        // The weight pass on its own copies dL/dy afresh, and must find the same.
        INDArray dwAlone = Nd4j.create(DataType.FLOAT, wShape);
        INDArray dbAlone = g.bias() ? Nd4j.create(DataType.FLOAT, 1, g.outChannels()) : null;
        conv.forward(x, weights, bias, Nd4j.create(DataType.FLOAT, g.dstDims()));
        conv.backwardWeights(x, dy, dwAlone, dbAlone);
        conv.close();
        assertThat(dwAlone).isEqualTo(dw);
        if (g.bias()) {
            assertThat(dbAlone).isEqualTo(db);
        }

        Reference ref = new Reference(g, values(x, round), values(weights, round), values(dy, round));
        double[] b = g.bias() ? values(bias, false) : new double[(int) g.outChannels()];
        double[][] forward = ref.forward(b);
        assertClose("y", y, forward);
        assertClose("dL/dx", dx, ref.backwardData());
        assertClose("dL/dW", dw, ref.backwardWeights());
        if (g.bias()) {
            double[][] dbRef = new double[2][(int) g.outChannels()];
            double[] dyv = values(dy, round);
            long spatial = g.outH() * g.outW();
            for (int i = 0; i < dyv.length; i++) {
                int o = (int) ((i / spatial) % g.outChannels());
                dbRef[0][o] += dyv[i];
                dbRef[1][o] += Math.abs(dyv[i]);
            }
            assertClose("dL/db", db, dbRef);
        }
    }

    private static void assertClose(String what, INDArray actual, double[][] expected) {
        float[] a = actual.dup('c').data().asFloat();
        assertThat(a).hasSize(expected[0].length);
        for (int i = 0; i < a.length; i++) {
            double tolerance = RELATIVE * expected[1][i] + 1e-6;
            assertThat((double) a[i]).as("%s[%d]", what, i).isCloseTo(expected[0][i],
                    org.assertj.core.data.Offset.offset(tolerance));
        }
    }

    private static double[] values(INDArray array, boolean roundToBf16) {
        float[] f = array.dup('c').data().asFloat();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = roundToBf16 ? bf16(f[i]) : f[i];
        }
        return d;
    }

    /** float32 rounded to bfloat16's 8-bit mantissa, to nearest, ties to even (finite values). */
    static float bf16(float value) {
        int bits = Float.floatToRawIntBits(value);
        int lsb = (bits >>> 16) & 1;
        bits += 0x7FFF + lsb;
        return Float.intBitsToFloat(bits & 0xFFFF0000);
    }
}
