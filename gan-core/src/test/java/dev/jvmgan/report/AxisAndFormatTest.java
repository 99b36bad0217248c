package dev.jvmgan.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tick choice and number formatting of the report's charts. */
class AxisAndFormatTest {
    @Test
    void linearTicksFallOnOneTwoFiveStepsAndCoverTheData() {
        Axis axis = Axis.linear(0.16, 3.96);
        assertThat(axis.ticks()).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0);
        assertThat(axis.lo()).isLessThan(0.0);
        assertThat(axis.hi()).isGreaterThan(4.0);
        assertThat(Axis.linear(50, 300).ticks()).containsExactly(50.0, 100.0, 150.0, 200.0, 250.0, 300.0);
        assertThat(Axis.linear(0.1, 0.3).ticks()).containsExactly(0.1, 0.15, 0.2, 0.25, 0.3);
    }

    @Test
    void aSingleValueGetsARangeAroundIt() {
        Axis axis = Axis.linear(0.05, 0.05);
        assertThat(axis.lo()).isLessThan(0.05);
        assertThat(axis.hi()).isGreaterThan(0.05);
        assertThat(axis.fraction(0.05)).isBetween(0.1, 0.9);
    }

    @Test
    void logTicksArePowersOfTenAroundTheData() {
        Axis axis = Axis.log(0.0198, 0.087);
        assertThat(axis.ticks()).containsExactly(0.01, 0.1);
        assertThat(axis.fraction(0.01)).isBetween(0.0, 0.05);
        assertThat(axis.fraction(0.1)).isBetween(0.95, 1.0);
        assertThat(Axis.log(1e-9, 1e3).ticks()).hasSizeLessThanOrEqualTo(7);
    }

    @Test
    void numbersKeepThreeSignificantDigits() {
        assertThat(Html.num(0.2592259)).isEqualTo("0.259");
        assertThat(Html.num(3.0)).isEqualTo("3");
        assertThat(Html.num(12345.6)).isEqualTo("12346");
        assertThat(Html.num(0.0198)).isEqualTo("0.0198");
        assertThat(Html.num(2.5e-5)).isEqualTo("2.5e-5");
        assertThat(Html.num(1e-4)).isEqualTo("1e-4");
        assertThat(Html.num(1.5e7)).isEqualTo("1.5e7");
        assertThat(Html.num(Double.NaN)).isEqualTo("NaN");
        assertThat(Html.percent(0.125)).isEqualTo("12.5%");
        assertThat(Html.duration(346)).isEqualTo("5 min 46 s");
        assertThat(Html.bytes(1_412_000_000L)).isEqualTo("1.41 GB");
    }

    @Test
    void textFromRunFilesIsEscaped() {
        assertThat(Html.esc("<b onload=\"x\">'&'")).isEqualTo("&lt;b onload=&quot;x&quot;&gt;&#39;&amp;&#39;");
    }
}
