package dev.jvmgan.chart;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The look of the run's charts. XChart's default palette has yellow and light green, unreadable on white, and its
 * lines are all equally thin, so lines with the same values (four layers with no dead units are four lines at 0)
 * hide each other and only the last one drawn shows. Here:
 * <ul>
 *   <li>colours are Okabe and Ito's colour-blind-safe palette without its yellow, plus black and grey;</li>
 *   <li>the lines of one chart are drawn widest first and each later one thinner ({@link #stripes}), so lines that
 *       coincide show as nested stripes of their colours, every one visible;</li>
 *   <li>each legend entry ends with the line's last value ({@link #withLast}), which names coincident lines
 *       exactly.</li>
 * </ul>
 */
public final class ChartStyle {
    /** Okabe-Ito (2008) without yellow (#F0E442), then black and grey: all readable on white. */
    public static final List<Color> PALETTE = List.of(new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
            new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0x7F7F7F));
    static final float THINNEST = 1.5f;
    static final float WIDEST = 14f;

    static {
        // Must happen before AWT first loads; a training server has no display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ChartStyle() {
    }

    /** A line chart of {@code width} x {@code height} px with the legend outside on the right. */
    public static XYChart chart(String title, String yTitle, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle("iteration")
                .yAxisTitle(yTitle).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Line);
        chart.getStyler().setPlotGridLinesColor(new Color(0xDDDDDD));
        chart.getStyler().setLegendPosition(LegendPosition.OutsideE).setMarkerSize(6)
                .setChartBackgroundColor(Color.WHITE).setPlotBackgroundColor(Color.WHITE)
                .setSeriesColors(PALETTE.toArray(Color[]::new));
        chart.getStyler().setXAxisDecimalPattern("#");
        return chart;
    }

    /** The line width of line {@code index} of {@code count}: widest first, {@value #THINNEST} px last. */
    public static float stripeWidth(int index, int count) {
        if (count <= 1) {
            return 2f;
        }
        float step = Math.min(4f, (WIDEST - THINNEST) / (count - 1));
        return THINNEST + step * (count - 1 - index);
    }

    /**
     * Colours and widths for {@code series} (in drawing order): colour {@code i} of the palette and
     * {@link #stripeWidth}; a line of a single point gets a marker, since a line needs two.
     */
    public static void stripes(List<XYSeries> series) {
        style(series, i -> stripeWidth(i, series.size()));
    }

    /** Palette colours and one width (2.5 px) for lines that seldom coincide (losses). */
    public static void plain(List<XYSeries> series) {
        style(series, i -> 2.5f);
    }

    private static void style(List<XYSeries> series, java.util.function.IntFunction<Float> width) {
        for (int i = 0; i < series.size(); i++) {
            XYSeries s = series.get(i);
            Color color = PALETTE.get(i % PALETTE.size());
            s.setLineColor(color);
            s.setMarkerColor(color);
            s.setLineWidth(width.apply(i));
            s.setMarker(s.getXData().length == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
    }

    /** {@code G act1 (last 0.0%)}: a legend label that says where the line ends. */
    public static String withLast(String name, List<Double> values, String format) {
        return values.isEmpty() ? name : name + " (last " + String.format(java.util.Locale.ROOT, format,
                values.get(values.size() - 1)) + ")";
    }

    /** The charts drawn one below the other in one image, as wide as the widest. */
    public static BufferedImage stacked(List<XYChart> charts) {
        List<BufferedImage> images = charts.stream().map(BitmapEncoder::getBufferedImage).toList();
        int width = images.stream().mapToInt(BufferedImage::getWidth).max().orElse(1);
        int height = images.stream().mapToInt(BufferedImage::getHeight).sum();
        BufferedImage out = new BufferedImage(width, Math.max(1, height), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            int y = 0;
            for (BufferedImage image : images) {
                g.drawImage(image, 0, y, null);
                y += image.getHeight();
            }
        } finally {
            g.dispose();
        }
        return out;
    }
}
