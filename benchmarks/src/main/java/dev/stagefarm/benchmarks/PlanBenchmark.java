package dev.stagefarm.benchmarks;

import dev.stagefarm.dockerfile.syntax.DockerfileParser;
import dev.stagefarm.dockerfile.syntax.RawDockerfile;
import dev.stagefarm.plan.BuildPlan;
import dev.stagefarm.plan.PlanOptions;
import dev.stagefarm.plan.Planner;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse + plan of a generated 50-stage Dockerfile of 200, 2,000 and 20,000 lines. Sample-time
 * mode, so JMH reports the median (p0.50) as well as the mean.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PlanBenchmark {

    @Param({"200", "2000", "20000"})
    int lines;

    @Param({"50"})
    int stages;

    String text;
    RawDockerfile parsed;

    @Setup(Level.Trial)
    public void generate() {
        text = GeneratedDockerfile.of(lines, stages);
        parsed = DockerfileParser.parse("Dockerfile", text);
    }

    @Benchmark
    public BuildPlan parseAndPlan() {
        return Planner.plan(DockerfileParser.parse("Dockerfile", text), PlanOptions.defaults());
    }

    @Benchmark
    public BuildPlan planOnly() {
        return Planner.plan(parsed, PlanOptions.defaults());
    }

    @Benchmark
    public BuildPlan parseAndPlanAllTargets() {
        return Planner.plan(DockerfileParser.parse("Dockerfile", text), PlanOptions.defaults().withAllTargets());
    }
}
