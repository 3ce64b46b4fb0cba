/**
 * «Формы для школ» and «Собрать формы», the same in the pane and on the page:
 * the second opens the system's file dialog (a hidden input with `multiple`)
 * for the returned forms; the same files chosen again are read again.
 */
import { Button } from "@fluentui/react-components";
import { useRef } from "react";
import { STRINGS } from "../strings";

/** Forms come back as books: whatever the file layer reads as one. */
const ACCEPT = ".xlsx,.xlsm,.xls,.ods";

export function FormsButtons({
  disabled,
  hint,
  onMake,
  onCollect,
}: {
  disabled: boolean;
  hint: string;
  onMake: () => void;
  onCollect: (files: File[]) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button disabled={disabled} onClick={onMake} title={hint}>
        {STRINGS.forms.make}
      </Button>
      <Button disabled={disabled} onClick={() => input.current?.click()} title={hint}>
        {STRINGS.forms.collect}
      </Button>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT}
        hidden
        aria-label={STRINGS.forms.collect}
        data-testid="forms-input"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = "";
          if (files.length > 0) onCollect(files);
        }}
      />
    </>
  );
}
