export { TASKS, trainStep } from './train-step';
export type { MiniBatch, Task, TrainStepOptions, TrainStepResult } from './train-step';
