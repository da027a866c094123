package dev.stagefarm.agent.job;

import dev.stagefarm.agent.executor.BaseImage;
import dev.stagefarm.agent.executor.StageWork;
import dev.stagefarm.agent.stage.InstructionAdapter;
import dev.stagefarm.agent.stage.StageStep;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.imagestore.ImageArchive;
import dev.stagefarm.objectstore.ObjectStore;
import dev.stagefarm.plan.PlannedStage;
import dev.stagefarm.plan.StageBase;
import dev.stagefarm.protocol.ArtifactKind;
import dev.stagefarm.protocol.StageInput;
import dev.stagefarm.protocol.StageJob;
import dev.stagefarm.dockerfile.instructions.Instruction;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 2b: the planned stage as the executor's work: its base (an image, scratch, or the parent
 * stage's image from the job's IMAGE input) and its instructions expanded in the stage's scope.
 */
final class TranslateStage {

    private final ObjectStore store;

    TranslateStage(ObjectStore store) {
        this.store = store;
    }

    /** The executor's work and the numbers its steps are reported under. */
    record Translated(StageWork work, StepNumbers numbers) {
    }

    Translated work(StageJob job, PlannedJob planned) {
        PlannedStage stage = planned.stage();
        InstructionAdapter adapter = new InstructionAdapter(job.stage().buildArgs());
        List<Instruction> instructions = StageInstructions.of(planned.dockerfile(), planned.plan(), stage.index());
        List<StageStep> steps = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < instructions.size(); i++) {
            for (StageStep step : adapter.steps(instructions.get(i))) {
                steps.add(step);
                numbers.add(i + 1);
            }
        }
        String from = StageInstructions.from(planned.dockerfile(), stage.index()).original();
        return new Translated(new StageWork(stage.displayName(), base(job, stage), steps),
                new StepNumbers(from, numbers));
    }

    private BaseImage base(StageJob job, PlannedStage stage) {
        if (stage.base() instanceof StageBase.Image image) {
            return image.scratch() ? new BaseImage.Scratch() : new BaseImage.Reference(image.reference());
        }
        int parent = ((StageBase.Stage) stage.base()).index();
        StageInput input = job.inputs().stream()
                .filter(i -> i.kind() == ArtifactKind.IMAGE && i.stageIndex() == parent).findFirst()
                .orElseThrow(() -> new StagefarmException(FailureCode.INTERNAL, "stage " + stage.displayName(), 0,
                        "the stage builds on stage " + parent + " but the job carries no image input for it"));
        return new BaseImage.Archive(FetchInputs.imageTag(input.cacheKey()),
                () -> new ImageArchive(store).open(input.objectKey()));
    }
}
