import * as tf from '@tensorflow/tfjs';
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '@dmlnet/files';

const MODEL_JSON = 'model.json';
const WEIGHTS_BIN = 'weights.bin';

/**
 * A tf.io handler for a folder on disk (model.json + weights.bin) that needs no tfjs-node:
 * `model.save(fileIO(dir))` and `tf.loadLayersModel(fileIO(dir))`. The weights are written before the
 * model.json that names them, each atomically, so an interrupted save leaves the previous model loadable.
 */
export function fileIO(dir: string): tf.io.IOHandler {
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      if (artifacts.weightData === undefined || artifacts.weightSpecs === undefined) {
        throw new Error(`saving to ${dir}: the model has no weights to save`);
      }
      const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
      writeFileAtomic(path.join(dir, WEIGHTS_BIN), weights);
      const json: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology ?? {},
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        trainingConfig: artifacts.trainingConfig,
        userDefinedMetadata: artifacts.userDefinedMetadata,
        weightsManifest: [{ paths: [`./${WEIGHTS_BIN}`], weights: artifacts.weightSpecs }],
      };
      writeFileAtomic(path.join(dir, MODEL_JSON), JSON.stringify(json));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
    load: () => loadArtifacts(dir),
  };
}

/** Reads what `fileIO(dir).save` wrote, naming the file that is missing or broken. */
async function loadArtifacts(dir: string): Promise<tf.io.ModelArtifacts> {
  const jsonPath = path.join(dir, MODEL_JSON);
  if (!fs.existsSync(jsonPath)) throw new Error(`no saved model at ${dir}: ${MODEL_JSON} is missing`);
  let json: tf.io.ModelJSON;
  try {
    json = JSON.parse(fs.readFileSync(jsonPath, 'utf8')) as tf.io.ModelJSON;
  } catch (error) {
    throw new Error(`${jsonPath} is not valid JSON: ${(error as Error).message}`);
  }
  return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
    const specs = manifest.flatMap((group) => group.weights);
    const buffers = manifest.flatMap((group) =>
      group.paths.map((p) => {
        const file = path.join(dir, p);
        if (!fs.existsSync(file)) throw new Error(`${jsonPath} names weights file ${p}, which is missing`);
        const bytes = fs.readFileSync(file);
        return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      }),
    );
    return [specs, tf.io.concatenateArrayBuffers(buffers)];
  });
}

export interface LoadWeightsReport {
  loaded: string[];
  /** Weights of the model that the file did not have: they keep their initial values. */
  missing: string[];
  /** Weights in the file that the model does not have. */
  unused: string[];
}

/**
 * Copies weights saved by `fileIO` into a model, matched by weight name, e.g. a trained backbone into a new
 * DML-Net (pretrained ImageNet weights cannot be downloaded here; bring them converted to this format).
 * A shape mismatch is an error; with `strict`, so is any missing weight.
 */
export async function loadWeights(model: tf.LayersModel, dir: string, options: { strict?: boolean } = {}): Promise<LoadWeightsReport> {
  const artifacts = await loadArtifacts(dir);
  if (artifacts.weightSpecs === undefined || artifacts.weightData === undefined) throw new Error(`${dir} holds no weights`);
  const saved = tf.io.decodeWeights(artifacts.weightData, artifacts.weightSpecs);
  const report: LoadWeightsReport = { loaded: [], missing: [], unused: [] };
  const used = new Set<string>();
  const assignments: [tf.LayerVariable, tf.Tensor][] = [];
  for (const variable of model.weights) {
    const name = variable.originalName;
    const value = saved[name];
    if (value === undefined) {
      report.missing.push(name);
      continue;
    }
    if (!tf.util.arraysEqual(value.shape, variable.shape as number[])) {
      tf.dispose(Object.values(saved));
      throw new Error(`${dir}: weight ${name} has shape [${value.shape}] but the model's is [${variable.shape}]`);
    }
    used.add(name);
    assignments.push([variable, value]);
    report.loaded.push(name);
  }
  report.unused = Object.keys(saved).filter((name) => !used.has(name));
  if (options.strict && report.missing.length > 0) {
    tf.dispose(Object.values(saved));
    throw new Error(`${dir} lacks ${report.missing.length} of the model's weights, e.g. ${report.missing.slice(0, 3).join(', ')}`);
  }
  for (const [variable, value] of assignments) variable.write(value);
  tf.dispose(Object.values(saved));
  return report;
}
