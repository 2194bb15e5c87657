/**
 * Ten predictions over three expressions and three poses, hand-checked in the tests:
 * sample    0   1   2   3   4   5   6   7   8   9
 * actual    AN  AN  AN  AN  HA  HA  HA  SU  SU  SU
 * predicted AN  AN  HA  SU  HA  HA  AN  SU  SU  HA
 * right     1   1   0   0   1   1   0   1   1   0     -> 6 of 10
 * pose      0   0   45  45  0   45  90  90  0   45
 */
export const CLASSES = ['AN', 'HA', 'SU'];
export const ACTUAL = ['AN', 'AN', 'AN', 'AN', 'HA', 'HA', 'HA', 'SU', 'SU', 'SU'];
export const PREDICTED = ['AN', 'AN', 'HA', 'SU', 'HA', 'HA', 'AN', 'SU', 'SU', 'HA'];
export const POSES = [0, 45, 90];
export const POSE = [0, 0, 45, 45, 0, 45, 90, 90, 0, 45];
