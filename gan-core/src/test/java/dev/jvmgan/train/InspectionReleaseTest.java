package dev.jvmgan.train;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loop frees an inspection's copies once every listener has seen it (they are tens of MB for a real DCGAN and
 * would otherwise wait for the garbage collector), and not before: every listener reads them intact.
 */
class InspectionReleaseTest {

    @Test
    void everyInspectionArrayIsFreedAfterTheListenersAndReadableDuringThem() {
        TrainingSession session = TinyGan.session(1);
        List<INDArray> seen = new ArrayList<>();
        List<Double> sumsInCallback = new ArrayList<>();
        TrainingListener keepsReferences = new TrainingListener() {
            @Override
            public boolean wantsInspection(long iteration) {
                return iteration == 2;
            }

            @Override
            public void inspected(TrainingSession s, IterationStats stats, Inspection inspection) {
                for (Map<String, INDArray> arrays : List.of(inspection.dInputsOnReal(), inspection.dInputsOnFake(),
                        inspection.gInputs(), inspection.dGradients(), inspection.dParamsBefore(),
                        inspection.dParamsAfter(), inspection.gGradients(), inspection.gParamsBefore(),
                        inspection.gParamsAfter())) {
                    assertThat(arrays).as("the tiny GAN fills every map").isNotEmpty();
                    seen.addAll(arrays.values());
                }
                seen.addAll(List.of(inspection.dLossDReal(), inspection.dLossDFake(), inspection.realLogits(),
                        inspection.fakeLogits()));
                seen.forEach(a -> sumsInCallback.add(a.sumNumber().doubleValue()));
            }
        };
        // A second listener after it: the arrays must still be there for it.
        List<Boolean> closedForSecond = new ArrayList<>();
        TrainingListener second = new TrainingListener() {
            @Override
            public void inspected(TrainingSession s, IterationStats stats, Inspection inspection) {
                closedForSecond.add(inspection.dGradients().values().stream().anyMatch(INDArray::wasClosed));
            }
        };

        TinyGan.trainer(session, List.of(keepsReferences, second)).run(3);

        assertThat(sumsInCallback).hasSize(seen.size()).allMatch(Double::isFinite);
        assertThat(closedForSecond).containsExactly(false);
        assertThat(seen).as("freed once the listeners are done").allMatch(INDArray::wasClosed);
    }
}
