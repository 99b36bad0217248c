package dev.jvmgan.study;

import dev.jvmgan.config.ActivationType;
import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Which cells the quick and the full study are, and that each is its variant's config with one activation changed. */
class StudyGridTest {
    // Surefire runs in gan-core/; the configs live at the repository root.
    private static final Path CONFIGS = Path.of("..", "configs");
    private static final Path RUNS = Path.of("runs");

    private static RunConfig load(Cell cell) {
        return ConfigLoader.load(CONFIGS.resolve(cell.variant().configFile()), cell.overrides(RUNS), List.of());
    }

    @Test
    void quickIsEveryActivationInTheDeepMlpsDWithoutBatchNormAtAHighLrTwoSeeds() {
        StudyPlan quick = StudyPlan.quick();
        assertThat(quick.cells()).hasSize(16).allSatisfy(c -> {
            assertThat(c.variant()).isEqualTo(Variant.MLP4);
            assertThat(c.side()).isEqualTo(Cell.Side.D);
            assertThat(c.lr()).isEqualTo(5e-3);
            assertThat(c.iterations()).isEqualTo(StudyPlan.QUICK_ITERATIONS);
            assertThat(c.evalImages()).isEqualTo(1000);
        });
        Map<ActivationType, Set<Long>> seeds = quick.cells().stream().collect(Collectors.groupingBy(Cell::activation,
                Collectors.mapping(Cell::seed, Collectors.toSet())));
        assertThat(seeds.keySet()).containsExactlyInAnyOrder(ActivationType.values());
        assertThat(seeds.values()).allSatisfy(s -> assertThat(s).containsExactlyInAnyOrder(1L, 2L));
        // D at Leaky ReLU is the variant's base run; every quick cell is a run of its own.
        assertThat(quick.runs()).hasSize(16);
        assertThat(quick.cells()).filteredOn(Cell::base).extracting(Cell::activation)
                .containsOnly(ActivationType.LEAKYRELU);
    }

    @Test
    void fullIsBothSidesEveryActivationFourLrsThreeVariantsTwoSeedsWithTheBaseRunShared() {
        StudyPlan full = StudyPlan.full();
        assertThat(full.cells()).hasSize(2 * 8 * 4 * 3 * 2).doesNotHaveDuplicates();
        assertThat(full.cells()).extracting(Cell::lr).containsOnly(2e-4, 1e-3, 5e-3, 2e-2);
        assertThat(full.cells()).extracting(Cell::variant).containsOnly(Variant.values());
        // D's Leaky ReLU cell and G's ReLU cell are one config per variant, lr and seed: 3 x 4 x 2 shared runs.
        assertThat(full.runs()).hasSize(384 - 3 * 4 * 2);
        Cell dBase = new Cell(Variant.DCGAN, Cell.Side.D, ActivationType.LEAKYRELU, 1e-3, 2, 1500, 2000);
        Cell gBase = new Cell(Variant.DCGAN, Cell.Side.G, ActivationType.RELU, 1e-3, 2, 1500, 2000);
        assertThat(dBase.runName()).isEqualTo(gBase.runName()).isEqualTo("dcgan-base-lr1e-3-s2");
        assertThat(load(dBase)).isEqualTo(load(gBase));
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aCellIsItsVariantsConfigWithOnlyTheNamedValuesChanged(Variant variant) {
        for (Cell.Side side : Cell.Side.values()) {
            Cell cell = new Cell(variant, side, ActivationType.ELU, 5e-3, 1, 400, 1000);
            RunConfig config = load(cell);
            var varied = side == Cell.Side.D ? config.model().discriminator() : config.model().generator();
            var other = side == Cell.Side.D ? config.model().generator() : config.model().discriminator();
            assertThat(varied.activation().type()).isEqualTo(ActivationType.ELU);
            assertThat(other.activation().type()).isEqualTo(variant.defaultActivation(side == Cell.Side.D
                    ? Cell.Side.G : Cell.Side.D));
            for (var net : List.of(config.model().generator(), config.model().discriminator())) {
                assertThat(net.architecture()).isEqualTo(variant.architecture());
                assertThat(net.batchNorm()).isEqualTo(variant.batchNorm());
            }
            assertThat(config.train().g().lr()).isEqualTo(5e-3);
            assertThat(config.train().d().lr()).isEqualTo(5e-3);
            assertThat(config.train().seed()).isEqualTo(1L);
            assertThat(config.train().iterations()).isEqualTo(400);
            assertThat(config.eval().every()).isEqualTo(400);
            assertThat(config.eval().images()).isEqualTo(1000);
            assertThat(config.name()).isEqualTo(cell.runName());
        }
    }

    @Test
    void theDefaultActivationsAreTheBaseConfigs() {
        for (Variant variant : Variant.values()) {
            RunConfig base = ConfigLoader.load(CONFIGS.resolve(variant.configFile()), variant.overrides(), List.of());
            assertThat(base.model().discriminator().activation().type())
                    .isEqualTo(variant.defaultActivation(Cell.Side.D));
            assertThat(base.model().generator().activation().type()).isEqualTo(variant.defaultActivation(Cell.Side.G));
            assertThat(base.model().discriminator().activation().alpha()).isEqualTo(0.2);
        }
        RunConfig mlp = ConfigLoader.load(CONFIGS.resolve(Variant.MLP4.configFile()), List.of(), List.of());
        assertThat(mlp.model().discriminator().widths()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(mlp.model().generator().widths()).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void everyFullCellLoadsAndRunNamesAreDistinctPerConfig() {
        Set<String> names = EnumSet.allOf(Variant.class).stream().map(Variant::label).collect(Collectors.toSet());
        for (Cell cell : StudyPlan.full().runs()) {
            assertThat(load(cell).name()).isEqualTo(cell.runName());
            assertThat(names).anyMatch(n -> cell.runName().startsWith(n + "-"));
        }
    }

    @Test
    void learningRatesAreWrittenShort() {
        assertThat(Cell.lrText(2e-4)).isEqualTo("2e-4");
        assertThat(Cell.lrText(0.02)).isEqualTo("2e-2");
        assertThat(Cell.lrText(1.5e-3)).isEqualTo("1.5e-3");
        assertThat(Cell.lrText(0.5)).isEqualTo("5e-1");
        assertThat(new Cell(Variant.MLP4, Cell.Side.G, ActivationType.SILU, 2e-4, 1, 10, 10).runName())
                .isEqualTo("mlp4-G-silu-lr2e-4-s1");
    }
}
