import { useFormat } from '../session/formatters';
import { FieldProblem } from './form-failure';
import type { HeldProblem } from './problem-text';

/** Ticks for the assisting units (协办) beside a chosen lead: every unit given but the lead, each named as the app names units. */
export function AssistingUnits(props: {
  legend: string;
  units: readonly { id: string }[];
  leadUnitId: string;
  chosen: readonly string[];
  onToggle: (unitId: string, on: boolean) => void;
  error: HeldProblem | undefined;
}) {
  const format = useFormat();
  return (
    <fieldset className="unit-choices">
      <legend>{props.legend}</legend>
      {props.units
        .filter((unit) => unit.id !== props.leadUnitId)
        .map((unit) => (
          <label key={unit.id}>
            <input type="checkbox" checked={props.chosen.includes(unit.id)} onChange={(event) => props.onToggle(unit.id, event.target.checked)} /> {format.unit(unit.id)}
          </label>
        ))}
      <FieldProblem error={props.error} />
    </fieldset>
  );
}
