package dev.jvmgan.convolution;

/**
 * The convolution sums of {@link ConvolutionPrimitives}' Javadoc in double precision, by their definition: each pass
 * returns {value, sum of the terms' magnitudes} per output element, NCHW and DL4J's weight layouts.
 */
final class Reference {
    private final Geometry g;
    private final double[] x;
    private final double[] w;
    private final double[] dy;

    Reference(Geometry g, double[] x, double[] w, double[] dy) {
        this.g = g;
        this.x = x;
        this.w = w;
        this.dy = dy;
    }

    /** Calls {@code term(xIndex, wIndex, yIndex)} for every product x * w that adds to an output y. */
    private interface Term {
        void add(int xi, int wi, int yi);
    }

    private void each(Term term) {
        long n = g.batch();
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < g.inChannels(); c++) {
                for (int o = 0; o < g.outChannels(); o++) {
                    for (int p = 0; p < g.kH(); p++) {
                        for (int q = 0; q < g.kW(); q++) {
                            int wi = g.transposed()
                                    ? (int) (((c * g.outChannels() + o) * g.kH() + p) * g.kW() + q)
                                    : (int) (((o * g.inChannels() + c) * g.kH() + p) * g.kW() + q);
                            if (g.transposed()) {
                                // y[o, i*s + p - pad] += x[c, i] W[c, o, p]
                                for (int i = 0; i < g.inH(); i++) {
                                    long yi = i * g.strideH() + p - g.padTop();
                                    for (int j = 0; j < g.inW(); j++) {
                                        long yj = j * g.strideW() + q - g.padLeft();
                                        if (yi >= 0 && yi < g.outH() && yj >= 0 && yj < g.outW()) {
                                            term.add(index(b, c, i, j, g.inChannels(), g.inH(), g.inW()), wi,
                                                    index(b, o, (int) yi, (int) yj, g.outChannels(), g.outH(),
                                                            g.outW()));
                                        }
                                    }
                                }
                            } else {
                                // y[o, i] += x[c, i*s + p - pad] W[o, c, p]
                                for (int i = 0; i < g.outH(); i++) {
                                    long xi = i * g.strideH() + p - g.padTop();
                                    for (int j = 0; j < g.outW(); j++) {
                                        long xj = j * g.strideW() + q - g.padLeft();
                                        if (xi >= 0 && xi < g.inH() && xj >= 0 && xj < g.inW()) {
                                            term.add(index(b, c, (int) xi, (int) xj, g.inChannels(), g.inH(),
                                                    g.inW()), wi, index(b, o, i, j, g.outChannels(), g.outH(),
                                                    g.outW()));
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static int index(int b, int c, int i, int j, long channels, long h, long w) {
        return (int) (((b * channels + c) * h + i) * w + j);
    }

    double[][] forward(double[] bias) {
        double[][] y = new double[2][dy.length];
        long spatial = g.outH() * g.outW();
        for (int i = 0; i < y[0].length; i++) {
            double b = bias[(int) ((i / spatial) % g.outChannels())];
            y[0][i] = b;
            y[1][i] = Math.abs(b);
        }
        each((xi, wi, yi) -> {
            y[0][yi] += x[xi] * w[wi];
            y[1][yi] += Math.abs(x[xi] * w[wi]);
        });
        return y;
    }

    double[][] backwardData() {
        double[][] dx = new double[2][x.length];
        each((xi, wi, yi) -> {
            dx[0][xi] += dy[yi] * w[wi];
            dx[1][xi] += Math.abs(dy[yi] * w[wi]);
        });
        return dx;
    }

    double[][] backwardWeights() {
        double[][] dw = new double[2][w.length];
        each((xi, wi, yi) -> {
            dw[0][wi] += dy[yi] * x[xi];
            dw[1][wi] += Math.abs(dy[yi] * x[xi]);
        });
        return dw;
    }
}
