import ArgumentParser

// `earshot` parses the command line and wires the parts together; nothing else.
Earshot.main()
