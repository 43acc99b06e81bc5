# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# The plots of `make bench`, from bench/results.csv through plot-data.
# Run from bench/: gnuplot plots.gnuplot; gnuplot -e "out='DIR/'" puts
# them in DIR.
if (!exists("out")) out = ""

set terminal pngcairo size 1100,600 font "sans,10"
set datafile missing "NaN"
set grid ytics
set key top left

# 1. Throughput by mechanism, consumer and wakeup mode (batch 500).
set output out."throughput.png"
set title "Events delivered per second, 8-byte records, batch 500 (mean and spread)"
set ylabel "million events/s"
set style data histogram
set style histogram errorbars gap 2 lw 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set xtics noenhanced
set yrange [0:*]
plot "< ./plot-data throughput" using 2:3:xtic(1) title "per-event wakeups", \
     "" using 4:5 title "batched (a wakeup per 500)", \
     "" using 6:7 title "busy polling"

# 2. Against the batch size: throughput, and the cost each record adds.
set output out."batch.png"
set multiplot layout 1,2 title "Against records per trigger (8-byte records)"
set key below
unset style
set style data linespoints
set logscale x
set xlabel "records per trigger (batch)"
set xtics auto enhanced
set title "events delivered"
set ylabel "million events/s"
series = system("./plot-data series | tr ' ' ':'")
plot for [s in series] sprintf("< ./plot-data batch %s", \
	system(sprintf("echo %s | tr ':' ' '", s))) \
	using 1:2 title s noenhanced lw 2
set title "producer time added per record over the empty program"
set ylabel "ns per record"
set logscale y
set yrange [*:*]
plot for [s in series] sprintf("< ./plot-data batch %s", \
	system(sprintf("echo %s | tr ':' ' '", s))) \
	using 1:3 title s noenhanced lw 2
unset multiplot
unset logscale
set key inside top left

# 3. Latency from bpf_ktime_get_ns() at submit to the user-space callback.
set output out."latency.png"
set title "Latency, submit to callback, 8-byte records, batch 500"
set ylabel "microseconds (log)"
unset xlabel
set logscale y
set yrange [*:*]
set style data histogram
set style histogram clustered gap 2
set style fill solid 0.8 border -1
set xtics rotate by -35 noenhanced
set rmargin 12
set bmargin 9
set key inside top right
plot "< ./plot-data latency" using 2:xtic(1) title "p50", \
     "" using 3 title "p99", "" using 4 title "p99.9"
