package dev.jvmgan.augment;

import dev.jvmgan.random.RandomStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Each operation's forward pass on small images with given parameters, worked out by hand, and the draws' ranges. */
class AugmentValuesTest {

    /** 1x1x4x4 holding 1..16 row by row: a zero in the output can only be a pixel that moved in or was cut. */
    private static Images sixteen() {
        double[] v = new double[16];
        for (int i = 0; i < 16; i++) {
            v[i] = i + 1;
        }
        return new Images(v, 1, 1, 4, 4);
    }

    @Test
    void translationMovesByWholePixelsAndFillsWithZeros() {
        Images x = sixteen();
        // y[i][j] = x[i + 1][j - 2]: the picture moves up one row and right two columns.
        new Translation.Step(new int[]{1}, new int[]{-2}).forward(x);
        assertThat(x.values()).containsExactly(
                0, 0, 5, 6,
                0, 0, 9, 10,
                0, 0, 13, 14,
                0, 0, 0, 0);
    }

    @Test
    void cutoutZeroesTheRectangleWithinTheImage() {
        Images x = sixteen();
        // A 2x2 rectangle centred at row 0, column 3: rows [-1, 1) and columns [2, 4), of which row 0 is inside.
        new Cutout.Step(new int[]{-1}, new int[]{2}, 2, 2).forward(x);
        assertThat(x.values()).containsExactly(
                1, 2, 0, 0,
                5, 6, 7, 8,
                9, 10, 11, 12,
                13, 14, 15, 16);
    }

    /** 1x3x1x2: pixel 0 has channels (0.1, 0.4, 0.7), pixel 1 has (1, 1, -0.5). */
    private static Images colourful() {
        return new Images(new double[]{0.1, 1, 0.4, 1, 0.7, -0.5}, 1, 3, 1, 2);
    }

    @Test
    void brightnessSaturationAndContrast() {
        Images bright = colourful();
        new Brightness.Step(new double[]{0.2}).forward(bright);
        assertThat(bright.values()).containsExactly(new double[]{0.3, 1.2, 0.6, 1.2, 0.9, -0.3}, within(1e-15));

        // Channel means 0.4 and 0.5; halfway to them.
        Images saturated = colourful();
        new Saturation.Step(new double[]{0.5}).forward(saturated);
        assertThat(saturated.values()).containsExactly(new double[]{0.25, 0.75, 0.4, 0.75, 0.55, 0.0}, within(1e-15));

        // Sample mean 2.7 / 6 = 0.45; 1.5 times as far from it.
        Images contrasted = colourful();
        new Contrast.Step(new double[]{1.5}).forward(contrasted);
        assertThat(contrasted.values()).containsExactly(
                new double[]{-0.075, 1.275, 0.375, 1.275, 0.825, -0.975}, within(1e-15));
    }

    @Test
    void sizesFollowTheReferenceRounding() {
        assertThat(Translation.maxShift(28, DiffAugment.TRANSLATION_RATIO)).isEqualTo(4); // int(3.5 + 0.5)
        assertThat(Translation.maxShift(32, DiffAugment.TRANSLATION_RATIO)).isEqualTo(4);
        assertThat(Translation.maxShift(64, DiffAugment.TRANSLATION_RATIO)).isEqualTo(8);
        assertThat(Cutout.size(28, DiffAugment.CUTOUT_RATIO)).isEqualTo(14);
        assertThat(Cutout.size(7, DiffAugment.CUTOUT_RATIO)).isEqualTo(4); // int(3.5 + 0.5)
    }

    @Test
    void drawsCoverTheirRangesExactly() {
        RandomStream random = new RandomStream(3);
        Images shape = new Images(new double[0], 500, 1, 16, 14);
        Translation.Step shifts = (Translation.Step) new Translation(0.125).draw(shape, random);
        assertThat(values(shifts.rows())).containsExactly(-2, -1, 0, 1, 2);
        assertThat(values(shifts.columns())).containsExactly(-2, -1, 0, 1, 2); // int(14/8 + 0.5) = 2

        // Even height 16, cut 8: centre in {0..16}, so top in {-4..12}; odd width 14, cut 7: centre {0..13}, left -3..10.
        Cutout.Step cuts = (Cutout.Step) new Cutout(0.5).draw(shape, random);
        assertThat(cuts.height()).isEqualTo(8);
        assertThat(cuts.width()).isEqualTo(7);
        assertThat(values(cuts.top())).hasSize(17).first().isEqualTo(-4);
        assertThat(values(cuts.top())).last().isEqualTo(12);
        assertThat(values(cuts.left())).hasSize(14).first().isEqualTo(-3);
        assertThat(values(cuts.left())).last().isEqualTo(10);

        Saturation.Step saturation = (Saturation.Step) new Saturation().draw(shape, random);
        Contrast.Step contrast = (Contrast.Step) new Contrast().draw(shape, random);
        Brightness.Step brightness = (Brightness.Step) new Brightness().draw(shape, random);
        for (int b = 0; b < 500; b++) {
            assertThat(saturation.factor()[b]).isGreaterThanOrEqualTo(0).isLessThan(2);
            assertThat(contrast.factor()[b]).isGreaterThanOrEqualTo(0.5).isLessThan(1.5);
            assertThat(brightness.shift()[b]).isGreaterThanOrEqualTo(-0.5).isLessThan(0.5);
        }
    }

    private static Set<Integer> values(int[] draws) {
        Set<Integer> set = new TreeSet<>();
        for (int d : draws) {
            set.add(d);
        }
        return set;
    }

    @Test
    void oneSeedOneSequenceAndEveryCallDrawsAnew() {
        INDArray x = AugmentGradientTest.random(new long[]{2, 3, 8, 8}, 1);
        DiffAugment a = DiffAugment.policy("color,translation,cutout", 9);
        DiffAugment b = DiffAugment.policy("color,translation,cutout", 9);
        long start = a.state();
        INDArray real = a.apply(x, 0).images();
        INDArray fake = a.apply(x, 0).images();
        assertThat(b.apply(x, 0).images()).isEqualTo(real);
        assertThat(fake).isNotEqualTo(real);
        a.restore(start);
        assertThat(a.apply(x, 0).images()).isEqualTo(real);
    }

    @Test
    void keepsTheDataTypeAndLeavesTheInputAlone() {
        INDArray x = AugmentGradientTest.random(new long[]{2, 1, 8, 8}, 1).castTo(DataType.FLOAT);
        INDArray copy = x.dup();
        Transformed t = DiffAugment.policy("color,cutout", 1).apply(x, 0);
        assertThat(t.images().dataType()).isEqualTo(DataType.FLOAT);
        assertThat(t.backward(Nd4j.ones(DataType.FLOAT, 2, 1, 8, 8)).dataType()).isEqualTo(DataType.FLOAT);
        assertThat(x).isEqualTo(copy);
    }

    @Test
    void policyNamesAreChecked() {
        assertThatThrownBy(() -> DiffAugment.policy("color,translaton", 1))
                .hasMessageContaining("'translaton'").hasMessageContaining("[color, translation, cutout]");
        INDArray x = AugmentGradientTest.random(new long[]{1, 1, 4, 4}, 1);
        assertThat(DiffAugment.policy("", 1).apply(x, 0).images()).isEqualTo(x);
        assertThatThrownBy(() -> DiffAugment.policy("cutout", 1).apply(Nd4j.zeros(2, 16), 0))
                .hasMessageContaining("[batch, channels, height, width]");
    }
}
