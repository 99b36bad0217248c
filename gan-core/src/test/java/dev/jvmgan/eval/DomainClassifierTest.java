package dev.jvmgan.eval;

import dev.jvmgan.backend.FixedThreads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The domain feature network on images whose classes are known: accurate, its features separate the classes. */
class DomainClassifierTest {
    private static final int N = 600;
    private static final int SIDE = 16;
    private static INDArray images;
    private static int[] labels;
    private static DomainClassifier trained;

    /** Class k: a bright 5x5 square at one of three places, on noise. */
    static INDArray blobs(int n, int[] classOut, long seed) {
        Random rng = new Random(seed);
        INDArray x = Nd4j.create(DataType.FLOAT, n, 1, SIDE, SIDE);
        for (int i = 0; i < n; i++) {
            int k = i % 3;
            classOut[i] = k;
            int at = 1 + 5 * k + rng.nextInt(2);
            for (int y = 0; y < SIDE; y++) {
                for (int c = 0; c < SIDE; c++) {
                    boolean inside = y >= at && y < at + 5 && c >= at && c < at + 5;
                    x.putScalar(new long[]{i, 0, y, c}, inside ? 0.8 + 0.2 * rng.nextDouble() : rng.nextDouble() - 0.9);
                }
            }
        }
        return x;
    }

    @BeforeAll
    static void train() {
        labels = new int[N];
        images = blobs(N, labels, 1);
        trained = DomainClassifier.train(images, labels, 3, new DomainClassifier.Settings(3, 0.2, 7));
    }

    @Test
    void classifiesHeldOutImages() {
        assertThat(trained.heldOutAccuracy()).isGreaterThan(0.95);
    }

    @Test
    void itsFeaturesTellClassesApart() {
        double[][] f = trained.features(images);
        assertThat(f).hasNumberOfRows(N);
        assertThat(f[0]).hasSize(DomainClassifier.FEATURES);
        double[][][] byClass = new double[3][N / 3][];
        int[] filled = new int[3];
        for (int i = 0; i < N; i++) {
            byClass[labels[i]][filled[labels[i]]++] = f[i];
        }
        double[][] firstHalf = java.util.Arrays.copyOfRange(byClass[0], 0, N / 6);
        double[][] secondHalf = java.util.Arrays.copyOfRange(byClass[0], N / 6, N / 3);
        double within = FrechetDistance.between(firstHalf, secondHalf);
        double across = FrechetDistance.between(byClass[0], byClass[1]);
        assertThat(across).isGreaterThan(10 * within);
    }

    @Test
    void theHashNamesTheTrainedNetwork() {
        DomainClassifier again = DomainClassifier.train(images, labels, 3, new DomainClassifier.Settings(3, 0.2, 7));
        int[] otherLabels = new int[N];
        DomainClassifier other = DomainClassifier.train(blobs(N, otherLabels, 2), otherLabels, 3,
                new DomainClassifier.Settings(3, 0.2, 7));

        assertThat(trained.hash()).hasSize(64).isEqualTo(again.hash()).isNotEqualTo(other.hash());
    }

    @Test
    void itTrainsOneNetworkWhateverThreadCountTheProcessHas() {
        DomainClassifier underOne;
        DomainClassifier underTwo;
        int before = FixedThreads.current();
        try (FixedThreads one = FixedThreads.of(1)) {
            underOne = DomainClassifier.train(images, labels, 3, new DomainClassifier.Settings(3, 0.2, 7));
            assertThat(FixedThreads.current()).isEqualTo(1);
        }
        try (FixedThreads two = FixedThreads.of(2)) {
            underTwo = DomainClassifier.train(images, labels, 3, new DomainClassifier.Settings(3, 0.2, 7));
        }
        DomainClassifier onOneThread = DomainClassifier.train(images, labels, 3,
                new DomainClassifier.Settings(3, 0.2, 7, 1));

        assertThat(underOne.hash()).isEqualTo(underTwo.hash()).isEqualTo(trained.hash());
        // the control: the thread count does shape the weights, so the pin is what made the two above one network
        assertThat(onOneThread.hash()).isNotEqualTo(trained.hash());
        assertThat(FixedThreads.current()).isEqualTo(before);
    }

    @Test
    void classifyGivesTheFeaturesAndTheNetworksArgMax() {
        int[] known = new int[30];
        INDArray fresh = blobs(30, known, 9);
        DomainClassifier.Classified classified = trained.classify(new ArrayImages(fresh));

        assertThat(classified.features()).isEqualTo(trained.features(fresh));
        assertThat(classified.classes()).containsExactly(trained.network().output(fresh, false).argMax(1).toIntVector());
    }

    @Test
    void classAgreementOfImagesOfKnownClassesIsHighAndOfMislabelledOnesLow() {
        int[] known = new int[60];
        INDArray fresh = blobs(60, known, 11);
        DomainClassifier.Classified classified = trained.classify(new ArrayImages(fresh));
        int[] shifted = new int[known.length];
        for (int i = 0; i < known.length; i++) {
            shifted[i] = (known[i] + 1) % 3;
        }
        java.util.List<String> names = java.util.List.of("top", "middle", "bottom");

        ClassScores right = ClassScores.of(names, known, classified.classes(), classified.features(), null, null,
                classified.features(), null, "-");
        ClassScores wrong = ClassScores.of(names, shifted, classified.classes(), classified.features(), null, null,
                classified.features(), null, "-");

        assertThat(right.agreement()).isGreaterThan(0.95);
        assertThat(wrong.agreement()).isLessThan(0.05);
    }
}
