package dev.jvmgan.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvmgan.eval.ClassScores;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-class rows the report reads back from what {@code gan eval} writes, and from records written before. */
class QualityRecordTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Class a: 1 of 2 generated and 0 of 2 real classified as a; class b: 2 of 2 generated and 1 of 2 real. */
    private static ObjectNode written() {
        double[][] features = {{0, 1}, {1, 0}, {2, 2}, {3, 1}};
        ClassScores scores = ClassScores.of(List.of("a", "b"), new int[] {0, 1, 0, 1}, new int[] {0, 1, 1, 1},
                features, new int[] {0, 0, 1, 1}, new int[] {1, 1, 1, 0}, features, null, null);
        return JSON.createObjectNode().put("type", QualityRecord.TYPE).put("iteration", 300)
                .setAll(scores.toJson(JSON));
    }

    @Test
    void realAgreementRoundTripsPerClass() {
        QualityRecord record = QualityRecord.from(written());

        assertThat(record.perClass()).extracting(QualityRecord.ClassRow::agreement).containsExactly(0.5, 1.0);
        assertThat(record.perClass()).extracting(QualityRecord.ClassRow::realAgreement).containsExactly(0.0, 0.5);
    }

    @Test
    void aRecordFromBeforeRealAgreementStillLoadsWithItUndefined() {
        ObjectNode old = written();
        old.remove("realClassAgreement");
        for (JsonNode row : old.get(QualityRecord.PER_CLASS)) {
            ((ObjectNode) row).remove("realAgreement");
        }

        QualityRecord record = QualityRecord.from(old);

        assertThat(record.perClass()).extracting(QualityRecord.ClassRow::agreement).containsExactly(0.5, 1.0);
        assertThat(record.perClass()).allSatisfy(row -> assertThat(row.realAgreement()).isNaN());
        assertThat(record.get(QualityRecord.CLASS_AGREEMENT)).hasValue(0.75);
    }
}
