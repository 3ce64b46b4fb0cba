/** Form pieces the panels share: a text field that fits a narrow pane, a list of checkboxes, a list under a heading. */
import {
  AccordionHeader,
  AccordionItem,
  Checkbox,
  Field,
  Input,
  InputProps,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { Panel } from "./panel";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  /** Fluent's Input is at least 250px wide; in a narrow pane it must fit its field. */
  input: { minWidth: 0, width: "100%" },
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, maxHeight: "320px", overflowY: "auto" },
});

export interface TextFieldProps {
  label: string;
  hint?: string;
  /** The field's class (its width in a row). */
  className?: string;
  inputClassName?: string;
  value: string;
  placeholder?: string;
  inputMode?: InputProps["inputMode"];
  disabled?: boolean;
  /** What is wrong with the value, in Russian (the engine's own check), shown under the field. */
  error?: string | null;
  onChange: (value: string) => void;
}

export function TextField(props: TextFieldProps) {
  const { label, hint, className, inputClassName, value, placeholder, inputMode, disabled, error, onChange } = props;
  const styles = useStyles();
  return (
    <Field
      label={label}
      hint={error ? undefined : hint}
      className={className}
      validationState={error ? "error" : "none"}
      validationMessage={error ?? undefined}
    >
      <Input
        className={mergeClasses(styles.input, inputClassName)}
        value={value}
        placeholder={placeholder}
        inputMode={inputMode}
        disabled={disabled}
        onChange={(_e, d) => onChange(d.value)}
      />
    </Field>
  );
}

/** A checkbox per item; `onChange` gets the items checked after the click, in the order they were checked. */
export function CheckList<T extends string>(props: {
  items: readonly T[];
  checked: T[];
  disabled?: boolean;
  onChange: (checked: T[]) => void;
}) {
  const { items, checked, disabled, onChange } = props;
  return (
    <>
      {items.map((item) => (
        <Checkbox
          key={item}
          label={item}
          disabled={disabled}
          checked={checked.includes(item)}
          onChange={(_e, d) =>
            onChange(d.checked === true ? (checked.includes(item) ? checked : [...checked, item]) : checked.filter((x) => x !== item))
          }
        />
      ))}
    </>
  );
}

/** An accordion section holding a scrolling list of lines. */
export function ListSection({ value, header, children }: { value: string; header: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <AccordionItem value={value}>
      <AccordionHeader size="small">{header}</AccordionHeader>
      <Panel>
        <div className={styles.list}>{children}</div>
      </Panel>
    </AccordionItem>
  );
}
