import type { Pose } from './scene';

const DEGREES = Math.PI / 180;

/**
 * The rotation taking camera-space vectors into head space (row-major 3x3): the transpose of the head's rotation
 * Ry(yaw) Rx(pitch) Rz(roll). A ray cast from the camera is turned by it, so the head itself is never moved.
 */
export function headFromCamera({ yaw, pitch, roll }: Pose): number[] {
  const [cy, sy] = [Math.cos(yaw * DEGREES), Math.sin(yaw * DEGREES)];
  const [cp, sp] = [Math.cos(-pitch * DEGREES), Math.sin(-pitch * DEGREES)];
  const [cr, sr] = [Math.cos(roll * DEGREES), Math.sin(roll * DEGREES)];
  // R = Ry Rx Rz with Ry = [cy 0 sy; 0 1 0; -sy 0 cy], Rx = [1 0 0; 0 cp -sp; 0 sp cp], Rz = [cr -sr 0; sr cr 0; 0 0 1].
  const rx = [
    [1, 0, 0],
    [0, cp, -sp],
    [0, sp, cp],
  ];
  const ry = [
    [cy, 0, sy],
    [0, 1, 0],
    [-sy, 0, cy],
  ];
  const rz = [
    [cr, -sr, 0],
    [sr, cr, 0],
    [0, 0, 1],
  ];
  const r = multiply(ry, multiply(rx, rz));
  return [r[0][0], r[1][0], r[2][0], r[0][1], r[1][1], r[2][1], r[0][2], r[1][2], r[2][2]];
}

function multiply(a: number[][], b: number[][]): number[][] {
  return a.map((row) => [0, 1, 2].map((j) => row[0] * b[0][j] + row[1] * b[1][j] + row[2] * b[2][j]));
}
