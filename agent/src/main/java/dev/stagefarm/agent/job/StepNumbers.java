package dev.stagefarm.agent.job;

import java.util.List;

/**
 * The step numbers a stage's progress events carry, as the user counts the stage's instructions
 * (the coordinator's {@code steps}, BuildKit's {@code [stage 2/5]}): 0 is the FROM, then one per
 * instruction after it in Dockerfile order. The executor may run one instruction as several steps
 * (an ARG of several names): they share its number. Immutable.
 *
 * @param from the FROM instruction as written
 * @param ofExecutorStep for each executor step, the number of the instruction it came from
 */
record StepNumbers(String from, List<Integer> ofExecutorStep) {

    StepNumbers {
        ofExecutorStep = List.copyOf(ofExecutorStep);
    }

    /** The number of executor step {@code index}. */
    int of(int index) {
        return index < ofExecutorStep.size() ? ofExecutorStep.get(index) : index + 1;
    }

    /** True when executor step {@code index} is the last of its instruction. */
    boolean endsInstruction(int index) {
        return index + 1 >= ofExecutorStep.size() || of(index + 1) != of(index);
    }
}
