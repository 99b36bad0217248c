package dev.jvmgan.eval;

import dev.jvmgan.image.ImageGrid;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A generator's images: image i is seed i's, rounded to the levels its PNG would hold. */
class GeneratedImagesTest {
    /** A stand-in generator: every pixel of an image is its latent's first value. */
    private static INDArray flat(double[][] latents) {
        INDArray out = Nd4j.create(DataType.FLOAT, latents.length, 1, 4, 4);
        for (int i = 0; i < latents.length; i++) {
            out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).assign(latents[i][0]);
        }
        return out;
    }

    @Test
    void imageIIsTheImageOfSeedI() {
        GeneratedImages images = new GeneratedImages(GeneratedImagesTest::flat, seed -> new double[] {seed / 10.0},
                8, 1, 4);

        INDArray batch = images.images(new int[] {5, 2});

        // Seed 5's latent is 0.5: level round(1.5 * 127.5) = 191, which is 191 / 127.5 - 1 in the networks' range.
        assertThat(batch.getFloat(0, 0, 3, 3)).isEqualTo(Quantised.LEVELS[191]);
        assertThat(batch.getFloat(1, 0, 0, 0)).isEqualTo(Quantised.LEVELS[Math.round(1.2f * 127.5f)]);
        assertThat(images.images(0, 8).shape()).containsExactly(8, 1, 4, 4);
        assertThatThrownBy(() -> images.images(new int[] {8})).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void generatedPixelsAreRoundedAsTheirPngIsWritten() {
        // Values past both ends, NaN, and exact halves between two levels.
        Random rng = new Random(4);
        float[] values = new float[64];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (rng.nextDouble() * 2.4 - 1.2);
        }
        values[0] = Float.NaN;
        values[1] = 0.5f / 127.5f - 1f;
        values[2] = 200.5f / 127.5f - 1f;
        INDArray raw = Nd4j.create(values, new long[] {1, 1, 8, 8}, 'c');
        GeneratedImages images = new GeneratedImages(latents -> raw.dup(), seed -> new double[] {0}, 1, 1, 8);

        INDArray scored = images.images(new int[] {0});
        BufferedImage png = ImageGrid.single(raw, 0);

        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                int level = png.getRaster().getSample(x, y, 0);
                assertThat(scored.getFloat(0, 0, y, x)).as("(%d, %d)", y, x).isEqualTo(level / 127.5f - 1f);
            }
        }
    }

    @Test
    void aGeneratorOfTheWrongShapeIsNamed() {
        GeneratedImages images = new GeneratedImages(GeneratedImagesTest::flat, seed -> new double[] {0}, 2, 3, 4);

        assertThatThrownBy(() -> images.images(new int[] {0, 1}))
                .hasMessageContaining("[2, 1, 4, 4], expected [2, 3, 4, 4]");
    }
}
