import { faceGeometry } from './face-geometry';
import { headModel } from './head-model';
import type { Identity } from './identity';
import { headFromCamera } from './pose';
import { FIELD_OF_VIEW } from './render-face';
import type { Framing, Pose } from './scene';

/** The crop's side over the landmarks' larger extent: a detector's box holds the face with a little margin. */
const CROP_MARGIN = 1;
/** Head units of forehead kept above the brows at rest. */
const FOREHEAD = 0.1;

/**
 * The frame of a face crop, as the real sets are used: after face detection (SFEW ships aligned faces), a square box
 * around the visible face, whatever the pose. The box is the square around the person's facial landmarks at rest
 * (brows, eye corners, cheeks, nose tip, mouth corners, jaw, chin) as the camera sees them at `pose`: frontal it
 * spans cheek to cheek and brows to chin; at +-90 degrees from the cheek in front of the ear to the nose tip, the
 * profile's silhouette in the frame and the ear and hair behind it mostly out. `jitter` is the set's framing error
 * around that box (scale 1 and offsets 0: none). The same person at the same pose gets the same box whatever the
 * expression, so an expression moves features inside a fixed frame. Returns the renderer's framing (scene.ts).
 *
 * A fixed crop centred on the head showed, at +-90 degrees, the ear and hair over much of the frame and the face's
 * front at its edge (issue 12).
 */
export function faceCropFraming(identity: Identity, pose: Pose, jitter: Framing): Framing {
  const face = faceGeometry(identity, identity.restingActionUnits);
  const head = headModel(identity, face);
  const onFace = (x: number, y: number): [number, number, number] => [x, y, Math.max(y >= 0 ? head.cranium.frontZ(x, y) : head.lowerFace.frontZ(x, y), head.muzzle.frontZ(x, y))];
  const landmarks: [number, number, number][] = [head.nose.support(0, 0, 1), head.lowerFace.support(0, -0.94, 0.34)];
  for (const side of [-1, 1]) {
    const brow = face.brows[side < 0 ? 0 : 1];
    const eye = face.eyes[side < 0 ? 0 : 1];
    landmarks.push(
      // Above the brows by as much as a raised brow moves (AU1, AU2), so brows stay inside the frame.
      onFace(side * brow.innerX, brow.innerY + brow.thickness + FOREHEAD),
      onFace(side * brow.outerX, brow.outerY + brow.thickness + FOREHEAD),
      onFace(eye.x + side * eye.halfWidth, eye.y),
      onFace(side * face.mouth.halfWidth, face.mouth.y),
      // The cheek below the cheekbone and the angle of the jaw, where the face turns into the side of the head.
      head.lowerFace.support(side * 0.8, -0.1, 0.6),
      head.lowerFace.support(side * 0.7, -0.7, 0.2),
    );
  }
  // Camera coordinates of a head-space point: the transpose of headFromCamera (a rotation).
  const m = headFromCamera(pose);
  const xs = landmarks.map(([x, y, z]) => m[0] * x + m[3] * y + m[6] * z);
  const ys = landmarks.map(([x, y, z]) => m[1] * x + m[4] * y + m[7] * z);
  const [left, right, bottom, top] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const side = Math.max(right - left, top - bottom) * CROP_MARGIN;
  return {
    scale: (jitter.scale * FIELD_OF_VIEW) / side,
    offsetX: (left + right) / 2 + jitter.offsetX,
    offsetY: (bottom + top) / 2 + jitter.offsetY,
  };
}
