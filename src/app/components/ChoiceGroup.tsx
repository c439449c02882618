import { type ReactNode, type Ref, useId } from 'react';

interface ChoiceGroupProps<T extends string | number> {
  legend: ReactNode;
  /** The radio buttons' name. */
  name: string;
  options: readonly T[];
  chosen: NoInfer<T> | undefined;
  onChoose(option: NoInfer<T>): void;
  /** What the worker reads next to each option. */
  label(option: NoInfer<T>): ReactNode;
  /** Under the legend, and read with the group. */
  hint?: ReactNode;
  /** Ids of further text the group is described by, such as a problem shown after a failed submit. */
  describedBy?: string;
  /** The whole group takes focus there (tabIndex -1), e.g. to show the worker an unanswered question. */
  ref?: Ref<HTMLFieldSetElement>;
  className?: string;
  optionClassName?: string;
  /** After the options, inside the group: a problem, a note. */
  children?: ReactNode;
}

/** One closed question answered with a radio button per option, large enough to tap. */
export function ChoiceGroup<T extends string | number>({
  legend,
  name,
  options,
  chosen,
  onChoose,
  label,
  hint,
  describedBy,
  ref,
  className = 'choices',
  optionClassName = 'toggle',
  children,
}: ChoiceGroupProps<T>) {
  const hintId = useId();
  const described = [hint ? hintId : undefined, describedBy].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset ref={ref} tabIndex={ref ? -1 : undefined} className={className} aria-describedby={described}>
      <legend>{legend}</legend>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {options.map((option) => (
        <label key={option} className={optionClassName}>
          <input
            type="radio"
            name={name}
            value={option}
            checked={chosen === option}
            onChange={() => onChoose(option)}
          />
          {label(option)}
        </label>
      ))}
      {children}
    </fieldset>
  );
}
