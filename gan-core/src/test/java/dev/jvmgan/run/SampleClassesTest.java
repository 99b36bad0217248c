package dev.jvmgan.run;

import dev.jvmgan.config.DataConfig;
import dev.jvmgan.config.DataSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Naming a class for {@code gan sample --class}: indices, saved names, Fashion-MNIST's names; the default class. */
class SampleClassesTest {
    private static final List<String> NUMBERED = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private static DataConfig data(String path) {
        return new DataConfig(DataSource.IDX, path, 28, 1);
    }

    @Test
    void fashionMnistsNumberedClassesAreShownAndFoundByTheDatasetsNames() {
        SampleClasses classes = SampleClasses.of(NUMBERED, data(DataConfig.EMBEDDED_FASHION_MNIST));
        assertThat(classes.resolve("Dress")).isEqualTo(3);
        assertThat(classes.resolve("ankle boot")).isEqualTo(9);
        assertThat(classes.resolve("Ankle-Boot")).isEqualTo(9);
        assertThat(classes.resolve("T-SHIRT/TOP")).isEqualTo(0);
        assertThat(classes.resolve("t-shirt")).isEqualTo(0);
        assertThat(classes.resolve("7")).isEqualTo(7);
        assertThat(classes.describe(3)).isEqualTo("3 (Dress)");
        assertThat(SampleClasses.of(NUMBERED, data("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"))
                .resolve("sneaker")).isEqualTo(7);
    }

    @Test
    void otherNumberedDataKeepsItsNumbers() {
        SampleClasses classes = SampleClasses.of(NUMBERED, data("/data/digits-images-idx3-ubyte"));
        assertThat(classes.describe(3)).isEqualTo("3");
        assertThatThrownBy(() -> classes.resolve("Dress")).hasMessageContaining("no class 'Dress'");
    }

    @Test
    void folderNamesWinOverIndicesAndUnknownNamesListTheClasses() {
        SampleClasses classes = new SampleClasses(List.of("cat", "1"), List.of("cat", "1"));
        assertThat(classes.resolve("CAT")).isEqualTo(0);
        // "1" is the name of class... 1 here; a name is looked up before an index.
        SampleClasses swapped = new SampleClasses(List.of("1", "0"), List.of("1", "0"));
        assertThat(swapped.resolve("1")).isEqualTo(0);
        assertThatThrownBy(() -> classes.resolve("dog"))
                .hasMessage("no class 'dog': give an index or a name of 0 (cat), 1");
        assertThatThrownBy(() -> classes.resolve("2"))
                .hasMessage("class 2 is out of range: this generator has 2 classes, 0 to 1: 0 (cat), 1");
    }

    @Test
    void seedsCycleOverTheClasses() {
        SampleClasses classes = new SampleClasses(List.of("a", "b", "c"), List.of("a", "b", "c"));
        assertThat(classes.ofSeeds(4, 5)).containsExactly(1, 2, 0, 1, 2);
        assertThat(new SampleClasses(List.of(), List.of()).conditional()).isFalse();
    }
}
