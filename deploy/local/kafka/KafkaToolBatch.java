import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.utils.internals.Exit;

/**
 * Runs several Kafka command-line tools (TopicCommand, ConfigCommand, …) one after the other in
 * one JVM. Each tool in its own JVM costs seconds of class loading on a busy two-core machine,
 * and the local farm's `up` needs five of them.
 *
 * <p>Arguments: {@code <tool main class> <its arguments…> [--next <tool main class> …]}.
 * The tools end through Kafka's {@link Exit}, which is redirected here so that a tool's exit
 * code ends only that tool. Exits 0 when every tool succeeded, else 1.
 *
 * <p>TopicCommand calls {@code Exit.exit(0)} inside a {@code catch (Throwable)} that turns
 * anything thrown into "error, exit 1": so the FIRST exit code a tool asks for is its result,
 * and what the tool prints about the unwinding after that is dropped.
 */
public final class KafkaToolBatch {

    private static final class ToolExit extends RuntimeException {
        final int code;

        ToolExit(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    private static final PrintStream STDERR = System.err;
    private static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream());
    private static Integer firstExitCode;

    public static void main(String[] args) throws Exception {
        Exit.setExitProcedure((code, message) -> {
            if (firstExitCode == null) {
                firstExitCode = code;
                System.setErr(DISCARD);
            }
            throw new ToolExit(code, message);
        });
        int failures = 0;
        for (List<String> call : split(Arrays.asList(args))) {
            failures += run(call.get(0), call.subList(1, call.size()).toArray(String[]::new)) == 0 ? 0 : 1;
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    private static int run(String toolClass, String[] toolArgs) throws ReflectiveOperationException {
        Method main = Class.forName(toolClass).getMethod("main", String[].class);
        firstExitCode = null;
        int code;
        try {
            main.invoke(null, (Object) toolArgs);
            code = firstExitCode == null ? 0 : firstExitCode;
        } catch (InvocationTargetException e) {
            code = firstExitCode != null ? firstExitCode : 1;
            if (!(e.getCause() instanceof ToolExit)) {
                e.getCause().printStackTrace(STDERR);
            }
        } finally {
            System.setErr(STDERR);
        }
        if (code != 0) {
            STDERR.println(toolClass + " " + String.join(" ", toolArgs) + " exited with " + code);
        }
        return code;
    }

    private static List<List<String>> split(List<String> args) {
        List<List<String>> calls = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--next")) {
                calls.add(current);
                current = new ArrayList<>();
            } else {
                current.add(arg);
            }
        }
        calls.add(current);
        calls.removeIf(List::isEmpty);
        return calls;
    }
}
