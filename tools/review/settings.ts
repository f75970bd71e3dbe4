// A row's evaluation settings as the review says them, and whether a new best was measured otherwise than the previous best.
import type { SettingValue } from '../model/types.ts';

/** A benchmark's declared setting as the report carries it: its name and unit. */
export interface DeclaredSetting {
  name: string;
  unit?: string;
}

/** The value with its unit: "600 px", "true", "JFT-300M". */
export function settingValueText(value: SettingValue, unit: string | undefined): string {
  return typeof value === 'number' && unit ? `${value} ${unit}` : String(value);
}

/** The stated settings, declared ones first in declared order, then any other name (undeclared: the validator says so) by name. */
export function orderedSettings(stated: Readonly<Record<string, SettingValue>> | undefined, declared: readonly DeclaredSetting[] = []): [string, SettingValue, string | undefined][] {
  if (!stated) return [];
  const units = new Map(declared.map((d) => [d.name, d.unit]));
  const rest = Object.keys(stated)
    .filter((name) => !units.has(name))
    .sort();
  return [...declared.map((d) => d.name).filter((name) => name in stated), ...rest].map((name) => [name, stated[name], units.get(name)]);
}

/**
 * The declared settings on which two rows differ: stated on both with other values, or stated on
 * one only (an unstated setting may mean another protocol, "trained on ImageNet alone", or only that
 * the contributor did not say; either way the two numbers cannot be taken as comparable unchecked).
 */
export function differingSettings(declared: readonly DeclaredSetting[], a: Readonly<Record<string, SettingValue>> | undefined, b: Readonly<Record<string, SettingValue>> | undefined): DeclaredSetting[] {
  return declared.filter((d) => !Object.is(a?.[d.name], b?.[d.name]));
}

/** One side of a difference: 'resolution 600 px, pretraining_data "JFT-300M"', "unstated resolution" (text quoted, as it may hold commas). */
function side(settings: readonly DeclaredSetting[], stated: Readonly<Record<string, SettingValue>> | undefined): string {
  return settings
    .map((d) => {
      const value = stated?.[d.name];
      if (value === undefined) return `unstated ${d.name}`;
      return `${d.name} ${typeof value === 'string' ? `"${value}"` : settingValueText(value, d.unit)}`;
    })
    .join(', ');
}

/**
 * "new best at resolution 600 px; the previous best was at resolution 224 px", every differing
 * declared setting on each side; undefined when they agree on all of them.
 */
export function otherSettingsNote(declared: readonly DeclaredSetting[], best: Readonly<Record<string, SettingValue>> | undefined, previous: Readonly<Record<string, SettingValue>> | undefined): string | undefined {
  const differing = differingSettings(declared, best, previous);
  if (differing.length === 0) return undefined;
  return `new best at ${side(differing, best)}; the previous best was at ${side(differing, previous)}`;
}
