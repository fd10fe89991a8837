// Output limit exceeded: prints the sum over and over in an endless loop, far past the 1 MiB output limit.
package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	var a, b int64
	reader := bufio.NewReader(os.Stdin)
	if _, err := fmt.Fscan(reader, &a, &b); err != nil {
		os.Exit(1)
	}
	writer := bufio.NewWriter(os.Stdout)
	for {
		fmt.Fprintln(writer, a+b)
	}
}
