from cadretrain.cli import main

main()
